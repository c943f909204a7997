using System.Diagnostics;
using System.Text;

namespace Runbooks.Cli.Tests.TestSupport;

/// <summary>
/// The real <c>runbooks</c> executable as a separate process (<c>dotnet runbooks.dll …</c>), with stdout and stderr
/// captured as they arrive, so a test can wait for a line, signal the process and read how it ended.
/// </summary>
internal sealed class CliProcess : IDisposable
{
    // A hang guard, not a timing assertion: generous, because a loaded 2-core machine can be very slow.
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly Lock _gate = new();
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private CliProcess(Process process) => _process = process;

    /// <summary>runbooks.dll: copied beside the test assembly by the project reference, else the Cli project's own output.</summary>
    public static string Dll { get; } = FindDll();

    public int Id => _process.Id;

    public string Stdout { get { lock (_gate) { return _stdout.ToString(); } } }

    public string Stderr { get { lock (_gate) { return _stderr.ToString(); } } }

    /// <summary>Runs <c>runbooks args…</c> in <paramref name="workDir"/> to the end (90 s at most).</summary>
    public static async Task<CliResult> RunAsync(TempWorkDir workDir, params string[] args) =>
        await RunAsync(workDir, new Dictionary<string, string?>(), args);

    /// <summary>Like <see cref="RunAsync(TempWorkDir, string[])"/> with environment overrides (null removes a variable).</summary>
    public static async Task<CliResult> RunAsync(TempWorkDir workDir, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        using var process = Start(workDir, environment, args);
        return await process.WaitForExitAsync(DefaultTimeout);
    }

    /// <summary>Starts <c>runbooks args…</c> in <paramref name="workDir"/>; dispose kills it if it still runs.</summary>
    public static CliProcess Start(TempWorkDir workDir, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(workDir);
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workDir.Path,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        // Secrets come from the environment: none may leak in from the machine running the tests.
        foreach (var name in info.Environment.Keys.Where(k => k.StartsWith("RUNBOOKS_SECRET_", StringComparison.Ordinal)).ToList())
        {
            info.Environment.Remove(name);
        }
        // Each test's runs go to a journal of its own (the default SQLite file under XDG_STATE_HOME), never the user's.
        info.Environment["XDG_STATE_HOME"] = System.IO.Path.Combine(workDir.Path, ".state");
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }
        var process = new Process { StartInfo = info };
        var cli = new CliProcess(process);
        process.OutputDataReceived += (_, e) => cli.Append(cli._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => cli.Append(cli._stderr, e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return cli;
    }

    /// <summary>Waits until stderr contains <paramref name="text"/>; fails with everything written so far otherwise.</summary>
    public async Task WaitForStderrAsync(string text, TimeSpan timeout)
    {
        var deadline = Stopwatch.StartNew();
        while (!Stderr.Contains(text, StringComparison.Ordinal))
        {
            Assert.False(_process.HasExited, $"runbooks exited before writing '{text}' to stderr\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}");
            Assert.True(deadline.Elapsed < timeout, $"'{text}' did not appear on stderr within {timeout.TotalSeconds} s\n--- stderr ---\n{Stderr}");
            await Task.Delay(50);
        }
    }

    /// <summary>Sends a signal (INT, TERM …) to the process with kill(1), as a terminal's Ctrl+C would.</summary>
    public void Signal(string name) => ProcessTable.Signal(Id, name);

    /// <summary>Waits for the end; on timeout kills the process tree and fails with its output.</summary>
    public async Task<CliResult> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            // Also waits for the end of the redirected streams, so every line has arrived.
            await _process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            Assert.Fail($"runbooks did not exit within {timeout.TotalSeconds} s\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}");
        }
        return new CliResult(_process.ExitCode, Stdout, Stderr);
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        catch (InvalidOperationException)
        {
            // Not started or already gone.
        }
        _process.Dispose();
    }

    private void Append(StringBuilder target, string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (_gate)
        {
            target.Append(line).Append('\n');
        }
    }

    private static string FindDll()
    {
        var beside = Path.Combine(AppContext.BaseDirectory, "runbooks.dll");
        if (File.Exists(beside))
        {
            return beside;
        }
        // AppContext.BaseDirectory is tests/Runbooks.Cli.Tests/bin/<Configuration>/net10.0/.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var built = Path.Combine(RepositoryRoot.Path, "src", "Runbooks.Cli", "bin", configuration, "net10.0", "runbooks.dll");
        return File.Exists(built)
            ? built
            : throw new InvalidOperationException($"runbooks.dll is neither at {beside} nor at {built}; build Runbooks.sln first");
    }
}
