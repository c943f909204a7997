using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Runbooks.Transports.Local;

/// <summary>Kills a command together with everything it started.</summary>
internal static partial class ProcessTree
{
    private const int SigKill = 9;

    // Commands running now, so that a process that must exit at once (a second Ctrl+C) can take them with it.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Process, bool> Running = new();

    /// <summary>Tracks a started command until <see cref="Forget"/>.</summary>
    public static void Track(Process process, bool ownGroup) => Running[process] = ownGroup;

    /// <summary>Stops tracking a command that ended.</summary>
    public static void Forget(Process process) => Running.TryRemove(process, out _);

    /// <summary>Kills every command still running, with everything it started.</summary>
    public static void KillAll()
    {
        foreach (var (process, ownGroup) in Running)
        {
            Kill(process, ownGroup);
        }
    }

    /// <summary>
    /// Kills the process's descendants as found now, then (when the process leads its own group, which
    /// <c>setsid</c> arranges) the whole group: that also reaches orphans such as <c>(sleep 100 &amp;)</c> whose
    /// parent already exited, which no walk of the process tree can find.
    /// </summary>
    public static void Kill(Process process, bool ownGroup)
    {
        try
        {
            process.Kill(entireProcessTree: true);
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
            _ = SysKill(-process.Id, SigKill);
        }
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SysKill(int pid, int signal);
}
