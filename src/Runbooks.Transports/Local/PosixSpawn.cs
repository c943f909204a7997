using System.ComponentModel;
using System.Runtime.InteropServices;

namespace Runbooks.Transports.Local;

/// <summary>
/// Starts a program in a new session (so it leads its own process group) with glibc's <c>posix_spawn</c> and
/// <c>POSIX_SPAWN_SETSID</c>: one exec, where <see cref="System.Diagnostics.Process"/> needed a second one
/// (<c>setsid</c>, then the program). On this kind of machine an exec costs milliseconds of CPU (bench/alerts: the
/// <c>setsid</c> exec was as costly as the command itself), so the group is made by the spawn instead.
/// The child gets default dispositions for every signal and an empty signal mask (.NET ignores SIGPIPE, which a
/// command must not inherit), its standard streams on pipes, and nothing else: every other descriptor of this
/// process is close-on-exec.
/// </summary>
internal static class PosixSpawn
{
    // glibc's values (spawn.h); this path is taken on Linux with glibc only (IsAvailable).
    private const short SetSignalDefaults = 0x04;
    private const short SetSignalMask = 0x08;
    private const short SetSession = 0x80;
    private const int CloseOnExec = 0x80000; // O_CLOEXEC
    private const int NotExecutableFormat = 8; // ENOEXEC
    private const int Interrupted = 4; // EINTR
    private const int NoChild = 10; // ECHILD
    private const int IdTypePid = 1; // P_PID
    private const int WaitExited = 4; // WEXITED
    private const int WaitNoWait = 0x01000000; // WNOWAIT
    private const int SigInfoBytes = 128;

    // posix_spawn_file_actions_t is 80 bytes and posix_spawnattr_t 336 on x86-64 and arm64 glibc; sigset_t 128.
    private const int OpaqueBytes = 1024;

    /// <summary>True where <see cref="Start"/> works: Linux with glibc 2.29+ (for <c>addchdir_np</c>) on a 64-bit process.</summary>
    public static bool IsAvailable { get; } = OperatingSystem.IsLinux() && Environment.Is64BitProcess && GlibcAtLeast(2, 29);

    /// <summary>
    /// Starts <paramref name="program"/> with <paramref name="argv"/> (argv[0] included) and exactly <paramref name="environment"/>
    /// in <paramref name="workingDirectory"/>; returns its pid and this side's ends of its stdin, stdout and stderr pipes.
    /// </summary>
    public static (int Pid, SafeFileHandleTriple Pipes) Start(string program, IReadOnlyList<string> argv, IEnumerable<KeyValuePair<string, string>> environment,
        string workingDirectory)
    {
        int stdinRead = -1, stdinWrite = -1, stdoutRead = -1, stdoutWrite = -1, stderrRead = -1, stderrWrite = -1;
        var actions = Marshal.AllocHGlobal(OpaqueBytes);
        var attributes = Marshal.AllocHGlobal(OpaqueBytes);
        var signals = Marshal.AllocHGlobal(OpaqueBytes);
        var blocks = new List<IntPtr>();
        var strings = new List<IntPtr>();
        try
        {
            (stdinRead, stdinWrite) = Pipe();
            (stdoutRead, stdoutWrite) = Pipe();
            (stderrRead, stderrWrite) = Pipe();
            Check(posix_spawn_file_actions_init(actions), "posix_spawn_file_actions_init");
            Check(posix_spawnattr_init(attributes), "posix_spawnattr_init");
            try
            {
                Check(posix_spawn_file_actions_adddup2(actions, stdinRead, 0), "adddup2");
                Check(posix_spawn_file_actions_adddup2(actions, stdoutWrite, 1), "adddup2");
                Check(posix_spawn_file_actions_adddup2(actions, stderrWrite, 2), "adddup2");
                Check(posix_spawn_file_actions_addchdir_np(actions, workingDirectory), "addchdir_np");
                Check(sigfillset(signals) == 0 ? 0 : Marshal.GetLastPInvokeError(), "sigfillset");
                Check(posix_spawnattr_setsigdefault(attributes, signals), "setsigdefault");
                Check(sigemptyset(signals) == 0 ? 0 : Marshal.GetLastPInvokeError(), "sigemptyset");
                Check(posix_spawnattr_setsigmask(attributes, signals), "setsigmask");
                Check(posix_spawnattr_setflags(attributes, SetSession | SetSignalDefaults | SetSignalMask), "setflags");
                var envBlock = NullTerminated([.. environment.Select(e => $"{e.Key}={e.Value}")], blocks, strings);
                var error = posix_spawn(out var pid, program, actions, attributes, NullTerminated(argv, blocks, strings), envBlock);
                if (error == NotExecutableFormat)
                {
                    // A script without "#!": execvp, and so a shell and the old setsid path, run it with /bin/sh.
                    error = posix_spawn(out pid, "/bin/sh", actions, attributes, NullTerminated(["sh", program, .. argv.Skip(1)], blocks, strings), envBlock);
                }
                if (error != 0)
                {
                    throw new SpawnException(error, program);
                }
                return (pid, new SafeFileHandleTriple(stdinWrite, stdoutRead, stderrRead));
            }
            finally
            {
                _ = posix_spawn_file_actions_destroy(actions);
                _ = posix_spawnattr_destroy(attributes);
            }
        }
        catch
        {
            Close(stdinWrite);
            Close(stdoutRead);
            Close(stderrRead);
            throw;
        }
        finally
        {
            // The child has its own copies now (or none, if it did not start).
            Close(stdinRead);
            Close(stdoutWrite);
            Close(stderrWrite);
            foreach (var text in strings)
            {
                Marshal.FreeCoTaskMem(text);
            }
            foreach (var block in blocks)
            {
                Marshal.FreeHGlobal(block);
            }
            Marshal.FreeHGlobal(actions);
            Marshal.FreeHGlobal(attributes);
            Marshal.FreeHGlobal(signals);
        }
    }

    /// <summary>
    /// Blocks until <paramref name="pid"/> has ended, without reaping it: until it is reaped its pid cannot be reused,
    /// so a kill aimed at it cannot reach another process.
    /// </summary>
    public static void WaitUntilEnded(int pid)
    {
        var info = Marshal.AllocHGlobal(SigInfoBytes);
        try
        {
            while (waitid(IdTypePid, pid, info, WaitExited | WaitNoWait) != 0)
            {
                var errno = Marshal.GetLastPInvokeError();
                if (errno == NoChild)
                {
                    return; // reaped by someone else (see Reap)
                }
                if (errno != Interrupted)
                {
                    throw new Win32Exception(errno, $"waitid({pid}) failed");
                }
            }
        }
        finally
        {
            Marshal.FreeHGlobal(info);
        }
    }

    /// <summary>
    /// Reaps <paramref name="pid"/>, which has ended; its exit code, or 128 + the signal that killed it (as shells
    /// report it). 255 when the status is lost: a process started with SIGCHLD ignored has .NET reap every child itself.
    /// </summary>
    public static int Reap(int pid)
    {
        while (true)
        {
            if (waitpid(pid, out var status, 0) == pid)
            {
                var signal = status & 0x7f;
                return signal == 0 ? (status >> 8) & 0xff : 128 + signal;
            }
            var errno = Marshal.GetLastPInvokeError();
            if (errno == NoChild)
            {
                return 255;
            }
            if (errno != Interrupted)
            {
                throw new Win32Exception(errno, $"waitpid({pid}) failed");
            }
        }
    }

    private static (int Read, int Write) Pipe()
    {
        var fds = new int[2];
        if (pipe2(fds, CloseOnExec) != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "cannot create a pipe for the command");
        }
        return (fds[0], fds[1]);
    }

    private static void Close(int fd)
    {
        if (fd >= 0)
        {
            _ = close(fd);
        }
    }

    private static IntPtr NullTerminated(IReadOnlyList<string> values, List<IntPtr> blocks, List<IntPtr> strings)
    {
        var block = Marshal.AllocHGlobal(IntPtr.Size * (values.Count + 1));
        blocks.Add(block);
        for (var i = 0; i < values.Count; i++)
        {
            var text = Marshal.StringToCoTaskMemUTF8(values[i]);
            strings.Add(text);
            Marshal.WriteIntPtr(block, i * IntPtr.Size, text);
        }
        Marshal.WriteIntPtr(block, values.Count * IntPtr.Size, IntPtr.Zero);
        return block;
    }

    private static void Check(int error, string what)
    {
        if (error != 0)
        {
            throw new Win32Exception(error, $"{what} failed: {new Win32Exception(error).Message}");
        }
    }

    private static bool GlibcAtLeast(int major, int minor)
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }
        try
        {
            var version = Marshal.PtrToStringUTF8(gnu_get_libc_version());
            return Version.TryParse(version, out var parsed) && parsed >= new Version(major, minor);
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            // musl and others: no gnu_get_libc_version, and other flag values; Process with setsid is used there.
            return false;
        }
    }

    // DllImport rather than LibraryImport: these marshal nothing the runtime does not already (ints, UTF-8 strings,
    // pointers), and LibraryImport would need unsafe code in this assembly.
    private const string Libc = "libc";

    [DllImport(Libc)]
    private static extern int posix_spawn(out int pid, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr fileActions, IntPtr attributes, IntPtr argv, IntPtr envp);

    [DllImport(Libc)]
    private static extern int posix_spawn_file_actions_init(IntPtr actions);

    [DllImport(Libc)]
    private static extern int posix_spawn_file_actions_destroy(IntPtr actions);

    [DllImport(Libc)]
    private static extern int posix_spawn_file_actions_adddup2(IntPtr actions, int fd, int newFd);

    [DllImport(Libc)]
    private static extern int posix_spawn_file_actions_addchdir_np(IntPtr actions, [MarshalAs(UnmanagedType.LPUTF8Str)] string path);

    [DllImport(Libc)]
    private static extern int posix_spawnattr_init(IntPtr attributes);

    [DllImport(Libc)]
    private static extern int posix_spawnattr_destroy(IntPtr attributes);

    [DllImport(Libc)]
    private static extern int posix_spawnattr_setflags(IntPtr attributes, short flags);

    [DllImport(Libc)]
    private static extern int posix_spawnattr_setsigdefault(IntPtr attributes, IntPtr signals);

    [DllImport(Libc)]
    private static extern int posix_spawnattr_setsigmask(IntPtr attributes, IntPtr signals);

    [DllImport(Libc, SetLastError = true)]
    private static extern int sigfillset(IntPtr signals);

    [DllImport(Libc, SetLastError = true)]
    private static extern int sigemptyset(IntPtr signals);

    [DllImport(Libc, SetLastError = true)]
    private static extern int pipe2([Out] int[] fds, int flags);

    [DllImport(Libc, SetLastError = true)]
    private static extern int close(int fd);

    [DllImport(Libc, SetLastError = true)]
    private static extern int waitpid(int pid, out int status, int options);

    [DllImport(Libc, SetLastError = true)]
    private static extern int waitid(int idType, int id, IntPtr info, int options);

    [DllImport(Libc)]
    private static extern IntPtr gnu_get_libc_version();
}

/// <summary>posix_spawn refused to start a program: its errno, and the program.</summary>
internal sealed class SpawnException(int error, string program) : Win32Exception(error, $"cannot start {program}: {new Win32Exception(error).Message}")
{
    public string Program { get; } = program;

    /// <summary>The system's words for the errno (<c>Permission denied</c>).</summary>
    public string Reason { get; } = new Win32Exception(error).Message;

    /// <summary>
    /// What a shell reports for a program it found but could not execute (no permission, a "#!" interpreter that does
    /// not exist): 126. A program that is not there at all never gets here; it is 127 before anything starts.
    /// </summary>
    public static int ShellExitCode => 126;
}

/// <summary>This process's ends of a spawned command's pipes: its stdin (write), stdout and stderr (read).</summary>
internal readonly record struct SafeFileHandleTriple(int Stdin, int Stdout, int Stderr);
