using Runbooks.Core.Execution;

namespace Runbooks.Bench.RunbooksEngine;

/// <summary>The benchmark runs only <c>set</c> steps, which never run commands: any command is a bug in the bench.</summary>
internal sealed class NoCommandsExecutorFactory : ITargetExecutorFactory, ITargetExecutor
{
    public TargetInfo Target => TargetInfo.Local;

    public ITargetExecutor For(TargetInfo target) => this;

    public Task<CommandResult> RunAsync(CommandRequest request, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("The benchmark's runbooks run no commands; a step tried to run one.");
}
