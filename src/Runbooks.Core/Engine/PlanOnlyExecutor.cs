using Runbooks.Core.Execution;

namespace Runbooks.Core.Engine;

/// <summary>
/// The executor of a plan (dry-run) on a remote host: it carries the host for templates (<c>target.*</c>) and is never
/// asked to run anything, because a dry-run describes actions instead of executing them. If it ever were, it refuses.
/// </summary>
internal sealed class PlanOnlyExecutor(TargetInfo target) : ITargetExecutor
{
    public TargetInfo Target { get; } = target;

    public Task<CommandResult> RunAsync(CommandRequest request, CancellationToken cancellationToken) =>
        throw new InvalidOperationException($"a plan never runs commands; '{Target.Name}' was not contacted");
}
