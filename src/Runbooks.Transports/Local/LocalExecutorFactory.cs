using Runbooks.Core;
using Runbooks.Core.Execution;

namespace Runbooks.Transports.Local;

/// <summary>
/// Gives the executor that runs commands on this machine. It answers only for targets whose transport is
/// <c>local</c>; any other transport is a wiring error and throws a <see cref="RunbooksException"/> naming it.
/// </summary>
public sealed class LocalExecutorFactory : ITargetExecutorFactory
{
    private static readonly LocalProcessExecutor Shared = new(TargetInfo.Local);

    /// <summary>
    /// Kills every local command still running, with every process it started. For a process that must exit at once
    /// (a second Ctrl+C): commands run in their own process groups, so nothing else would stop them.
    /// </summary>
    public static void KillRunningCommands() => ProcessTree.KillAll();

    /// <inheritdoc />
    public ITargetExecutor For(TargetInfo target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (!string.Equals(target.Transport, TargetInfo.Local.Transport, StringComparison.Ordinal))
        {
            throw new RunbooksException(
                $"target '{target.Name}' uses transport '{target.Transport}', which the local executor cannot run; " +
                "register the executor factory for that transport");
        }
        // The executor holds no per-run state; only a target with its own inventory name needs its own instance.
        return target == TargetInfo.Local ? Shared : new LocalProcessExecutor(target);
    }
}
