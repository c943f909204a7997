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
        var (stdinRead, stdinWrite) = Pipe();
        var (stdoutRead, stdoutWrite) = Pipe();
        var (stderrRead, stderrWrite) = Pipe();
        var actions = Marshal.AllocHGlobal(OpaqueBytes);
        var attributes = Marshal.AllocHGlobal(OpaqueBytes);
        var signals = Marshal.AllocHGlobal(OpaqueBytes);
        var strings = new List<IntPtr>();
        try
        {
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
                var argvBlock = NullTerminated(argv, strings);
                var envBlock = NullTerminated([.. environment.Select(e => $"{e.Key}={e.Value}")], strings);
                var error = posix_spawn(out var pid, program, actions, attributes, argvBlock, envBlock);
                if (error != 0)
                {
                    throw new Win32Exception(error, $"cannot start {program}: {new Win32Exception(error).Message}");
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
            foreach (var s in strings)
            {
                Marshal.FreeHGlobal(s);
            }
            Marshal.FreeHGlobal(actions);
            Marshal.FreeHGlobal(attributes);
            Marshal.FreeHGlobal(signals);
        }
    }

    /// <summary>Waits for <paramref name="pid"/> to end and reaps it; the exit code, or 128 + the signal that killed it (as shells report it).</summary>
    public static int WaitForExit(int pid)
    {
        while (true)
        {
            if (waitpid(pid, out var status, 0) == pid)
            {
                var signal = status & 0x7f;
                return signal == 0 ? (status >> 8) & 0xff : 128 + signal;
            }
            var errno = Marshal.GetLastPInvokeError();
            if (errno != 4) // EINTR: a signal arrived; wait again
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

    private static IntPtr NullTerminated(IReadOnlyList<string> values, List<IntPtr> strings)
    {
        var block = Marshal.AllocHGlobal(IntPtr.Size * (values.Count + 1));
        strings.Add(block);
        for (var i = 0; i < values.Count; i++)
        {
            var text = Marshal.StringToCoTaskMemUTF8(values[i]);
            // StringToCoTaskMemUTF8 allocates with the C allocator on Unix, as AllocHGlobal does: one free for both.
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

    [DllImport(Libc)]
    private static extern IntPtr gnu_get_libc_version();
}

/// <summary>This process's ends of a spawned command's pipes: its stdin (write), stdout and stderr (read).</summary>
internal readonly record struct SafeFileHandleTriple(int Stdin, int Stdout, int Stderr);
