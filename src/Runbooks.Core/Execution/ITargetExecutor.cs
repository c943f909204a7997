namespace Runbooks.Core.Execution;

/// <summary>
/// Runs commands on one target (this machine, or a host over SSH). When the token is cancelled (timeout or
/// cancel) the executor kills the command and its children, then throws <see cref="OperationCanceledException"/>.
/// </summary>
public interface ITargetExecutor
{
    /// <summary>The target commands run on.</summary>
    TargetInfo Target { get; }

    /// <summary>Runs a command to completion.</summary>
    Task<CommandResult> RunAsync(CommandRequest request, CancellationToken cancellationToken);
}

/// <summary>Gives the executor for a target; one per transport, shared by every run.</summary>
public interface ITargetExecutorFactory
{
    /// <summary>The executor for a target.</summary>
    ITargetExecutor For(TargetInfo target);
}
