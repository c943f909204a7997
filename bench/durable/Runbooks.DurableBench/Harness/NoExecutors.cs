using Runbooks.Core.Execution;

namespace Runbooks.DurableBench.Harness;

/// <summary>For engines that only queue runs or run local <c>set</c> steps: any command is a bug in the bench.</summary>
internal sealed class NoExecutors : ITargetExecutorFactory, ITargetExecutor
{
    public TargetInfo Target => TargetInfo.Local;

    public ITargetExecutor For(TargetInfo target) => this;

    public Task<CommandResult> RunAsync(CommandRequest request, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("this bench engine runs no commands; a step tried to run one");
}
