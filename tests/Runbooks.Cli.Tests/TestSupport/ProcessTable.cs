using System.Diagnostics;
using System.Globalization;

namespace Runbooks.Cli.Tests.TestSupport;

/// <summary>The machine's processes as <c>ps</c> and <c>kill</c> see them (Linux).</summary>
internal static class ProcessTable
{
    /// <summary>Sends a signal by name (INT, TERM, KILL) to one process id.</summary>
    public static void Signal(int pid, string name)
    {
        using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-s", name, pid.ToString(CultureInfo.InvariantCulture) } })!;
        kill.WaitForExit();
        Assert.True(kill.ExitCode == 0, $"kill -s {name} {pid} exited with {kill.ExitCode}");
    }

    /// <summary>Processes whose command line contains <paramref name="marker"/> (a unique argument a test chose).</summary>
    public static IReadOnlyList<(int Pid, string Args)> WithArgument(string marker)
    {
        var info = new ProcessStartInfo("ps") { RedirectStandardOutput = true, ArgumentList = { "-eo", "pid=,args=" } };
        using var ps = Process.Start(info)!;
        var lines = ps.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        ps.WaitForExit();
        return [.. lines
            .Select(line => line.Split(' ', 2))
            .Where(parts => parts.Length == 2 && parts[1].Contains(marker, StringComparison.Ordinal))
            .Select(parts => (int.Parse(parts[0], CultureInfo.InvariantCulture), parts[1]))];
    }

    /// <summary>Waits up to <paramref name="timeout"/> for every process with <paramref name="marker"/> to be gone; returns the survivors.</summary>
    public static async Task<IReadOnlyList<(int Pid, string Args)>> WaitUntilGoneAsync(string marker, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            var left = WithArgument(marker);
            if (left.Count == 0 || deadline.Elapsed > timeout)
            {
                return left;
            }
            await Task.Delay(100);
        }
    }

    /// <summary>Waits until a process with <paramref name="marker"/> runs (a step logs "started" just before it spawns).</summary>
    public static async Task WaitUntilPresentAsync(string marker, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (WithArgument(marker).Count == 0)
        {
            Assert.True(deadline.Elapsed < timeout, $"no process with '{marker}' in its arguments within {timeout.TotalSeconds} s");
            await Task.Delay(50);
        }
    }

    /// <summary>Whether this process ignores SIGINT (inherited from a shell that started it in the background).</summary>
    public static bool IgnoresSigint()
    {
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && (ulong.Parse(line["SigIgn:".Length..].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture) & 0b10) != 0;
    }
}
