namespace Runbooks.Core.Journal;

/// <summary>
/// Every state change of a run goes through here, in order. The engine calls <see cref="StepStartingAsync"/>
/// and waits for it before the step acts, and <see cref="StepFinishedAsync"/> after. In memory today; the
/// durable-runs work plugs in SQLite and PostgreSQL behind the same interface.
/// Implementations must be safe to call from parallel branches of one run.
/// </summary>
public interface IRunJournal
{
    /// <summary>Records that a run started.</summary>
    ValueTask RunStartedAsync(RunRecord run, CancellationToken cancellationToken);

    /// <summary>Records an attempt's intent before it acts; returns the ticket its outcome must present.</summary>
    ValueTask<StepTicket> StepStartingAsync(StepAttemptStart start, CancellationToken cancellationToken);

    /// <summary>Records an attempt's outcome.</summary>
    ValueTask StepFinishedAsync(StepTicket ticket, StepAttemptOutcome outcome, CancellationToken cancellationToken);

    /// <summary>Records a step that did not run, and why.</summary>
    ValueTask StepSkippedAsync(string runId, string stepPath, string target, string reason, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Records how the run ended.</summary>
    ValueTask RunFinishedAsync(string runId, RunStatus status, string? error, IReadOnlyDictionary<string, object?> outputs, DateTimeOffset at, CancellationToken cancellationToken);
}
