using System.Diagnostics;
using System.Globalization;

namespace Runbooks.AlertBench.Harness;

/// <summary>
/// <c>perf record -g</c> of one process for as long as this object lives (the bench's <c>--perf DIR</c>): where the
/// serve process spends its CPU in a part of the run. .NET frames resolve when the process was started with
/// <c>DOTNET_PerfMapEnabled=1</c> (run.sh sets it with <c>--perf</c>); read the file with <c>perf report -i</c>.
/// </summary>
internal sealed class PerfRecording : IDisposable
{
    private readonly Process? _perf;

    private PerfRecording(Process? perf, string path) => (_perf, Path) = (perf, path);

    /// <summary>Where the samples go.</summary>
    public string Path { get; }

    /// <summary>Starts recording <paramref name="pid"/> into <paramref name="directory"/>/<paramref name="name"/>.data, or does nothing when <paramref name="directory"/> is null.</summary>
    public static PerfRecording? Start(string? directory, string name, int pid)
    {
        if (directory is null)
        {
            return null;
        }
        Directory.CreateDirectory(directory);
        var path = System.IO.Path.Combine(directory, $"{name}.data");
        var start = new ProcessStartInfo("perf", ["record", "-q", "-F", "499", "-g", "-p", pid.ToString(CultureInfo.InvariantCulture), "-o", path])
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        var perf = Process.Start(start) ?? throw new InvalidOperationException("perf did not start (is linux-perf installed?)");
        // perf needs a moment to attach; samples before that are lost, not wrong.
        Thread.Sleep(200);
        return new PerfRecording(perf, path);
    }

    /// <summary>Stops perf with SIGINT, which makes it write its file, and waits for it.</summary>
    public void Dispose()
    {
        if (_perf is null || _perf.HasExited)
        {
            _perf?.Dispose();
            return;
        }
        using (var stop = Process.Start("kill", ["-INT", _perf.Id.ToString(CultureInfo.InvariantCulture)]))
        {
            stop.WaitForExit();
        }
        if (!_perf.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            _perf.Kill();
        }
        Console.WriteLine($"  perf samples in {Path}");
        _perf.Dispose();
    }
}
