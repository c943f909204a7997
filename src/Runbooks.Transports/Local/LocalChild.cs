using System.Diagnostics;
using System.IO.Pipes;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Runbooks.Transports.Local;

/// <summary>
/// A started command: its pid, its standard streams, its exit. On Linux with glibc it is spawned directly into a
/// session of its own (<see cref="PosixSpawn"/>); elsewhere it is a <see cref="Process"/>, given its own session by
/// <c>setsid</c> when the machine has it. Either way, when <see cref="OwnGroup"/> is true the command leads a process
/// group that <see cref="ProcessTree"/> kills whole.
/// </summary>
internal sealed class LocalChild : IDisposable
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly Process? _process;
    private readonly Task<int>? _exit;

    // Guards the window between the command's end and its reaping: a kill is sent only while the command is not
    // reaped, so its pid (and group id) cannot have been given to another process.
    private readonly Lock _reaping = new();
    private bool _ended;

    private LocalChild(Process process)
    {
        _process = process;
        Id = process.Id;
        OwnGroup = ProgramResolver.Setsid is not null;
        (StandardInput, StandardOutput, StandardError) = (process.StandardInput, process.StandardOutput, process.StandardError);
    }

    private LocalChild(int pid, SafeFileHandleTriple pipes)
    {
        Id = pid;
        OwnGroup = true;
        StandardInput = new StreamWriter(Pipe(pipes.Stdin, PipeDirection.Out), Utf8) { AutoFlush = false };
        StandardOutput = new StreamReader(Pipe(pipes.Stdout, PipeDirection.In), Utf8, detectEncodingFromByteOrderMarks: false);
        StandardError = new StreamReader(Pipe(pipes.Stderr, PipeDirection.In), Utf8, detectEncodingFromByteOrderMarks: false);
        // waitid blocks: on a thread of its own, never a pool thread (commands may run for hours).
        _exit = Task.Factory.StartNew(() =>
        {
            PosixSpawn.WaitUntilEnded(pid);
            lock (_reaping)
            {
                _ended = true;
            }
            return PosixSpawn.Reap(pid);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>The command's pid (its process group id too, when <see cref="OwnGroup"/>).</summary>
    public int Id { get; }

    /// <summary>Whether the command leads a process group of its own.</summary>
    public bool OwnGroup { get; }

    public StreamWriter StandardInput { get; }

    public StreamReader StandardOutput { get; }

    public StreamReader StandardError { get; }

    /// <summary>The exit code; valid once <see cref="WaitForExitAsync"/> completed.</summary>
    public int ExitCode => _process?.ExitCode ?? _exit!.Result;

    /// <summary>Starts <paramref name="program"/> (a resolved path) with <paramref name="argv"/> (argv[0] is the name as given).</summary>
    public static LocalChild Start(string program, IReadOnlyList<string> argv, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        if (PosixSpawn.IsAvailable)
        {
            var (pid, pipes) = PosixSpawn.Start(program, [program, .. argv.Skip(1)], environment, workingDirectory);
            return new LocalChild(pid, pipes);
        }
        return StartProcess(program, argv, environment, workingDirectory);
    }

    /// <summary>
    /// Kills the command with everything it started (see <see cref="ProcessTree.Kill"/>), unless it has already ended
    /// and been reaped.
    /// </summary>
    public void Kill()
    {
        if (_process is not null)
        {
            ProcessTree.Kill(Id, OwnGroup);
            return;
        }
        lock (_reaping)
        {
            if (!_ended)
            {
                ProcessTree.Kill(Id, OwnGroup);
            }
        }
    }

    private static LocalChild StartProcess(string program, IReadOnlyList<string> argv, IReadOnlyDictionary<string, string> environment, string workingDirectory)
    {
        var info = new ProcessStartInfo
        {
            WorkingDirectory = workingDirectory, UseShellExecute = false,
            RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true,
            StandardInputEncoding = Utf8, StandardOutputEncoding = Utf8, StandardErrorEncoding = Utf8,
        };
        if (ProgramResolver.Setsid is { } setsid)
        {
            // setsid execs the program in place (the child is not a group leader, so it does not fork):
            // the process we hold is the command itself, and it leads a new group we can kill whole.
            info.FileName = setsid;
            info.ArgumentList.Add(program);
        }
        else
        {
            info.FileName = program;
        }
        foreach (var arg in argv.Skip(1))
        {
            info.ArgumentList.Add(arg);
        }
        info.Environment.Clear();
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }
        var process = new Process { StartInfo = info };
        process.Start();
        return new LocalChild(process);
    }

    /// <summary>Completes when the command has exited (and was reaped).</summary>
    public Task WaitForExitAsync(CancellationToken cancellationToken) =>
        _process is not null ? _process.WaitForExitAsync(cancellationToken) : _exit!.WaitAsync(cancellationToken);

    public void Dispose()
    {
        if (_process is not null)
        {
            _process.Dispose();
            return;
        }
        StandardInput.Dispose();
        StandardOutput.Dispose();
        StandardError.Dispose();
    }

    private static AnonymousPipeClientStream Pipe(int fd, PipeDirection direction) =>
        // The pipe streams .NET's own Process uses on Unix: their async reads do not hold a pool thread while they wait.
        new(direction, new SafePipeHandle(fd, ownsHandle: true));
}
