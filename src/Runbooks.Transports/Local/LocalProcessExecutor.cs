using System.Diagnostics;
using System.Text;
using Runbooks.Core;
using Runbooks.Core.Execution;
using Runbooks.Core.Secrets;

namespace Runbooks.Transports.Local;

/// <summary>
/// Runs commands on this machine with <see cref="Process"/>. No shell is involved for an argv: each element
/// reaches the program as exactly one argument. A script runs as
/// <c>&lt;interpreter&gt; -c &lt;script&gt; runbooks-script &lt;args…&gt;</c>, so that in sh, bash, dash, zsh and ksh the
/// script arguments are <c>$1</c>, <c>$2</c>, … and <c>$0</c> is <c>runbooks-script</c>; the script text is an argument,
/// never standard input, which stays free for <see cref="CommandRequest.Stdin"/>.
/// </summary>
/// <remarks>
/// <para>A program that does not exist is not an exception: the command "exits" with 127 and standard error says
/// <c>command not found: X</c>, exactly as a shell (and so a command over SSH) reports it.</para>
/// <para>Each command runs in its own session and process group (spawned into it on Linux, via <c>setsid</c> elsewhere when the machine has it). On
/// cancellation the whole tree and the group are killed with SIGKILL, then <see cref="OperationCanceledException"/>
/// is thrown. When a command exits normally, background processes it left running are not killed; their
/// output is no longer read once the command has exited and <see cref="OrphanOutputGrace"/> has passed.</para>
/// </remarks>
internal sealed class LocalProcessExecutor : ITargetExecutor
{
    /// <summary>The exit code reported for a program that does not exist, as shells do.</summary>
    public const int CommandNotFoundExitCode = 127;

    /// <summary>Name the script sees as <c>$0</c>.</summary>
    public const string ScriptName = "runbooks-script";

    /// <summary>Linux limits one argument to 128 KiB (MAX_ARG_STRLEN), so a longer script cannot be passed with -c.</summary>
    public const int MaxScriptBytes = 128 * 1024 - 1;

    /// <summary>How long output is still read after the command exits (a background child may hold the pipes).</summary>
    public static readonly TimeSpan OrphanOutputGrace = TimeSpan.FromSeconds(1);

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public LocalProcessExecutor(TargetInfo target) => Target = target;

    /// <inheritdoc />
    public TargetInfo Target { get; }

    /// <inheritdoc />
    public async Task<CommandResult> RunAsync(CommandRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var started = Stopwatch.GetTimestamp();
        var argv = BuildArgv(request);
        var workingDirectory = request.WorkingDirectory ?? Environment.CurrentDirectory;
        if (!Directory.Exists(workingDirectory))
        {
            throw new RunbooksException($"working directory '{workingDirectory}' does not exist on {Target.Name}");
        }
        var path = request.Environment.TryGetValue("PATH", out var p) ? p : Environment.GetEnvironmentVariable("PATH");
        var program = ProgramResolver.Resolve(argv[0], path, workingDirectory);
        if (program is null)
        {
            return ShellFailure(request, CommandNotFoundExitCode, $"command not found: {argv[0]}", started);
        }

        var onOutput = Serialize(request.OnOutput);
        LocalChild child;
        try
        {
            child = LocalChild.Start(program, argv, BuildEnvironment(request), workingDirectory);
        }
        catch (SpawnException ex)
        {
            // Found but not startable (no execute permission, a "#!" naming a missing interpreter): what a shell says.
            return ShellFailure(request, SpawnException.ShellExitCode, $"cannot execute {argv[0]}: {ex.Reason}", started);
        }
        using var process = child;
        ProcessTree.Track(process);
        try
        {
            return await WaitAsync(process, request, onOutput, started, cancellationToken);
        }
        finally
        {
            ProcessTree.Forget(process);
        }
    }

    private async Task<CommandResult> WaitAsync(LocalChild process, CommandRequest request, Action<OutputLine>? onOutput,
        long started, CancellationToken cancellationToken)
    {
        using var stopReading = new CancellationTokenSource();
        var stdout = new OutputPump(process.StandardOutput, "stdout", request.MaxOutputBytes, onOutput);
        var stderr = new OutputPump(process.StandardError, "stderr", request.MaxOutputBytes, onOutput);
        var pumps = Task.WhenAll(stdout.RunAsync(stopReading.Token), stderr.RunAsync(stopReading.Token));
        var stdin = WriteStdinAsync(process, request.Stdin);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            process.Kill();
            await stopReading.CancelAsync();
            await Quietly(Task.WhenAll(pumps, stdin));
            throw new OperationCanceledException(
                $"command on {Target.Name} was cancelled; it and every process it started were killed", cancellationToken);
        }
        // The command is done, but a background child may still hold the pipes open: read what is already
        // there, briefly, then stop rather than wait for a child that may never exit.
        if (await Task.WhenAny(pumps, Task.Delay(OrphanOutputGrace, CancellationToken.None)) != pumps)
        {
            await stopReading.CancelAsync();
        }
        await Quietly(Task.WhenAll(pumps, stdin));
        return new CommandResult
        {
            ExitCode = process.ExitCode,
            Stdout = stdout.Text,
            Stderr = stderr.Text,
            Duration = Stopwatch.GetElapsedTime(started),
        };
    }

    /// <summary>A command that did not start, reported as a shell reports it: an exit code and one line on stderr.</summary>
    private static CommandResult ShellFailure(CommandRequest request, int exitCode, string message, long started)
    {
        request.OnOutput?.Invoke(new OutputLine("stderr", message));
        return new CommandResult
        {
            ExitCode = exitCode,
            Stderr = BoundedText.Bound(message + "\n", request.MaxOutputBytes),
            Duration = Stopwatch.GetElapsedTime(started),
        };
    }

    private static string[] BuildArgv(CommandRequest request)
    {
        if (request.Argv is { } argv)
        {
            if (request.Script is not null)
            {
                throw new ArgumentException("a command has either Argv or Script, not both", nameof(request));
            }
            if (argv.Count == 0 || argv[0].Length == 0)
            {
                throw new RunbooksException("the command's argv is empty: its first element must name the program");
            }
            return [.. argv];
        }
        var script = request.Script ?? throw new ArgumentException("a command needs Argv or Script", nameof(request));
        var bytes = Utf8.GetByteCount(script);
        if (bytes > MaxScriptBytes)
        {
            throw new RunbooksException(
                $"the script is {bytes} bytes; a script is passed as one argument, which Linux limits to {MaxScriptBytes} bytes. " +
                "Put it in a file and run that file instead");
        }
        return [request.Interpreter, "-c", script, ScriptName, .. request.ScriptArgs];
    }

    private static Dictionary<string, string> BuildEnvironment(CommandRequest request)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry inherited in Environment.GetEnvironmentVariables())
        {
            var name = (string)inherited.Key;
            // Secrets reach a command only as the step passes them (env, args, stdin), never by inheritance: the
            // process's own RUNBOOKS_SECRET_* variables would otherwise be visible to every command (`env`), in clear.
            if (!name.StartsWith(EnvironmentSecretProvider.Prefix, StringComparison.Ordinal))
            {
                environment[name] = (string?)inherited.Value ?? "";
            }
        }
        foreach (var (name, value) in request.Environment)
        {
            environment[name] = value;
        }
        return environment;
    }

    private static async Task WriteStdinAsync(LocalChild process, string? text)
    {
        try
        {
            if (text is not null)
            {
                await process.StandardInput.WriteAsync(text);
                await process.StandardInput.FlushAsync();
            }
        }
        catch (IOException)
        {
            // The command exited or closed its stdin without reading everything; that is its business.
        }
        finally
        {
            try
            {
                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // Same: the reading end is gone.
            }
        }
    }

    // Callers get lines one at a time even though stdout and stderr are read concurrently. A callback that
    // throws is switched off rather than allowed to stop the pump (which would leave the command blocked on a
    // full pipe).
    private static Action<OutputLine>? Serialize(Action<OutputLine>? callback)
    {
        if (callback is null)
        {
            return null;
        }
        var gate = new Lock();
        var broken = false;
        return line =>
        {
            lock (gate)
            {
                if (broken)
                {
                    return;
                }
                try
                {
                    callback(line);
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    broken = true;
                }
            }
        };
    }

    private static async Task Quietly(Task task)
    {
        try
        {
            await task;
        }
        catch (OperationCanceledException)
        {
            // Reading was stopped on purpose.
        }
        catch (IOException)
        {
            // The pipe broke because the process was killed.
        }
    }
}
