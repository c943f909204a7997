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

    /// <summary>
    /// Records, once it ended, an attempt of a step whose action has no effect outside the run
    /// (<see cref="Actions.ActionDescriptor.HasNoEffects"/>): its start and its outcome in one write, under a fencing token
    /// of its own, refused like an outcome when the run is no longer this writer's. Nothing needs to be on record before
    /// such a step acts: a crash before this write leaves no attempt, and the step simply runs again.
    /// </summary>
    ValueTask StepRecordedAsync(StepAttemptStart start, StepAttemptOutcome outcome, CancellationToken cancellationToken);

    /// <summary>Records a step that did not run, and why.</summary>
    ValueTask StepSkippedAsync(string runId, string stepPath, string target, string reason, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Records that a run already in the journal continues (queued, handed back, suspended or in doubt): it is running
    /// again, under <paramref name="by"/>. Attempts still marked running are marked <see cref="StepStatus.Interrupted"/>
    /// in the same transaction, so a late outcome from a worker that lost the run is refused.
    /// <paramref name="anyStepStarted"/> false (a queued run starting for the first time) means there is nothing to mark.
    /// </summary>
    ValueTask RunResumedAsync(string runId, string by, string reason, bool anyStepStarted, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>
    /// Records that a run stopped without ending: <see cref="RunStatus.InDoubt"/>, <see cref="RunStatus.Suspended"/>
    /// (with when to look again) or <see cref="RunStatus.Queued"/> (handed back by a worker that is shutting down).
    /// </summary>
    ValueTask RunParkedAsync(string runId, RunStatus status, string reason, DateTimeOffset? wakeAt, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Records that an approval gate was reached and what it waits for (once per gate; later calls are ignored).</summary>
    ValueTask ApprovalRequestedAsync(ApprovalRequest request, CancellationToken cancellationToken);

    /// <summary>Records how the run ended.</summary>
    ValueTask RunFinishedAsync(string runId, RunStatus status, string? error, IReadOnlyDictionary<string, object?> outputs, DateTimeOffset at, CancellationToken cancellationToken);
}
