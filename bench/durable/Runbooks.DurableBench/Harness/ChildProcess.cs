using System.Collections.Concurrent;
using System.Diagnostics;

namespace Runbooks.DurableBench.Harness;

/// <summary>
/// A process the orchestrator started (a <c>runbooks serve</c> worker or one of this executable's helper roles): its
/// output is collected line by line, it can be waited for, and it is stopped with SIGTERM (the workers drain on it),
/// then killed if it does not end.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _lines = new();
    private readonly string _name;

    private ChildProcess(string name, Process process)
    {
        (_name, _process) = (name, process);
        _process.OutputDataReceived += (_, e) => Collect(e.Data);
        _process.ErrorDataReceived += (_, e) => Collect(e.Data);
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
    }

    /// <summary>When the process was started (wall clock, UTC).</summary>
    public DateTime StartedAt { get; } = DateTime.UtcNow;

    /// <summary>Everything it printed so far (stdout and stderr, interleaved).</summary>
    public string Output => string.Join('\n', _lines);

    /// <summary>Starts <c>dotnet <paramref name="dll"/> <paramref name="args"/></c>.</summary>
    public static ChildProcess StartDll(string name, string dll, IEnumerable<string> args, string workingDirectory, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = workingDirectory,
        };
        start.ArgumentList.Add(dll);
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

    /// <summary>Waits until a line containing <paramref name="text"/> appears; fails with the output if the process ends first.</summary>
    public async Task WaitForLineAsync(string text, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!_lines.Any(l => l.Contains(text, StringComparison.Ordinal)))
        {
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

    /// <summary>SIGTERM (a worker drains), then SIGKILL after 30 s.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
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

    private void Collect(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }
}
