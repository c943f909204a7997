using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Runbooks.AlertBench.Harness;

/// <summary>
/// A process the bench started (<c>runbooks serve</c>, <c>runbooks keys create</c>, <c>ansible-playbook</c>): its output
/// is collected line by line, it can be waited for, and it is stopped with SIGTERM (serve drains on it), then killed.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly ConcurrentQueue<string> _stdout = new();
    private readonly string _name;

    private ChildProcess(string name, Process process)
    {
        (_name, _process) = (name, process);
        _process.OutputDataReceived += (_, e) => Collect(e.Data, _stdout);
        _process.ErrorDataReceived += (_, e) => Collect(e.Data, null);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>The operating system's process id.</summary>
    public int Id => _process.Id;

    /// <summary>Everything it printed so far (stdout and stderr, interleaved).</summary>
    public string Output => string.Join('\n', _lines);

    /// <summary>What it printed on stdout only.</summary>
    public string StandardOutput => string.Join('\n', _stdout);

    /// <summary>
    /// CPU time the process and its waited-for children (the steps' commands) have used so far, in milliseconds, from
    /// <c>/proc/&lt;pid&gt;/stat</c> (utime + stime + cutime + cstime, at 100 ticks a second); NaN where there is no /proc.
    /// </summary>
    public double CpuMilliseconds()
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{_process.Id.ToString(CultureInfo.InvariantCulture)}/stat");
            // The command name is in parentheses and may hold spaces: count fields after the last ')'. utime is field 14.
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return fields.Skip(11).Take(4).Sum(f => long.Parse(f, CultureInfo.InvariantCulture)) * 10.0;
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    /// <summary>Starts <paramref name="file"/> with <paramref name="args"/>.</summary>
    public static ChildProcess Start(string name, string file, IEnumerable<string> args, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file)
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        return new ChildProcess(name, Process.Start(start) ?? throw new InvalidOperationException($"{name} did not start"));
    }

    /// <summary>Waits until a line containing <paramref name="text"/> appears and returns it; fails with the output if the process ends first.</summary>
    public async Task<string> WaitForLineAsync(string text, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (_lines.FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) is { } line)
            {
                return line;
            }
            if (_process.HasExited || clock.Elapsed > timeout)
            {
                throw new InvalidOperationException($"{_name} did not print '{text}' ({(_process.HasExited ? $"exited {_process.ExitCode}" : "timed out")}):\n{Output}");
            }
            await Task.Delay(20).ConfigureAwait(false);
        }
    }

    /// <summary>Waits for the process to end by itself; fails unless it exits 0 in time.</summary>
    public async Task WaitForSuccessAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            throw new InvalidOperationException($"{_name} did not finish within {timeout}:\n{Output}");
        }
        if (_process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{_name} failed ({_process.ExitCode}):\n{Output}");
        }
    }

    /// <summary>SIGTERM (serve drains), then SIGKILL after 30 s.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync().ConfigureAwait(false);
            }
            using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(cancel.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        _process.Dispose();
    }

    private void Collect(string? line, ConcurrentQueue<string>? also)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
            also?.Enqueue(line);
        }
    }
}
