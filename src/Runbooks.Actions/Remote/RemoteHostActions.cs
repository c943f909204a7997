using Runbooks.Core.Actions;

namespace Runbooks.Actions.Remote;

/// <summary>Actions that run commands and inspect or change files, disks and processes on a step's target.</summary>
internal static class RemoteHostActions
{
    /// <summary>One instance of each.</summary>
    public static IReadOnlyList<IRunbookAction> Create() =>
    [
        new SshCommandAction(),
        new SshScriptAction(),
        new Files.FileExistsAction(),
        new Files.FileReadAction(),
        new Files.FileWriteAction(),
        new Files.FileLineAction(),
        new Disk.DiskUsageAction(),
        new Processes.ProcessListAction(),
        new Processes.ProcessKillAction(),
    ];
}
