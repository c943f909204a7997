using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Runbooks.Transports.Local;

/// <summary>Kills a command together with everything it started.</summary>
internal static partial class ProcessTree
{
    private const int SigKill = 9;

    // Commands running now, so that a process that must exit at once (a second Ctrl+C) can take them with it.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<LocalChild, byte> Running = new();

    /// <summary>Tracks a started command until <see cref="Forget"/>.</summary>
    public static void Track(LocalChild child) => Running[child] = 0;

    /// <summary>Stops tracking a command that ended.</summary>
    public static void Forget(LocalChild child) => Running.TryRemove(child, out _);

    /// <summary>Kills every command still running, with everything it started.</summary>
    public static void KillAll()
    {
        foreach (var child in Running.Keys)
        {
            child.Kill();
        }
    }

    /// <summary>
    /// Kills the process's descendants as found now, then (when the process leads its own group, which
    /// <c>setsid</c> arranges) the whole group: that also reaches orphans such as <c>(sleep 100 &amp;)</c> whose
    /// parent already exited, which no walk of the process tree can find.
    /// </summary>
    public static void Kill(int pid, bool ownGroup)
    {
        try
        {
            // Callers make sure the command is not reaped yet (LocalChild.Kill): at worst a zombie, its pid is its own.
            using var process = Process.GetProcessById(pid);
            process.Kill(entireProcessTree: true);
        }
        catch (ArgumentException)
        {
            // Already gone: the group kill below still reaches what it left behind.
        }
        catch (InvalidOperationException)
        {
            // Already exited and reaped: the group kill below still reaches what it left behind.
        }
        catch (System.ComponentModel.Win32Exception)
        {
            // A descendant exited while being killed; the group kill below covers the rest.
        }
        if (ownGroup && !OperatingSystem.IsWindows())
        {
            // A negative pid names the process group; ESRCH (nothing left) is fine.
            _ = SysKill(-pid, SigKill);
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SysKill(int pid, int signal);
}
