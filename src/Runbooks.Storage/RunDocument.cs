namespace Runbooks.Storage;

/// <summary>
/// A run's full record in one document — the run, every attempt per host, every skip and every state change — as
/// <c>runbooks runs show --output json</c> exports it.
/// </summary>
public sealed record RunDocument
{
    /// <summary>The run.</summary>
    public required StoredRun Run { get; init; }

    /// <summary>Every step attempt, in start order.</summary>
    public required IReadOnlyList<StoredAttempt> Attempts { get; init; }

    /// <summary>Every skipped step.</summary>
    public required IReadOnlyList<StoredSkip> Skips { get; init; }

    /// <summary>Every state change with its reason.</summary>
    public required IReadOnlyList<RunEvent> Events { get; init; }

    /// <summary>The ids of sub-runbook runs it started.</summary>
    public required IReadOnlyList<string> ChildRunIds { get; init; }

    /// <summary>For a run that has not ended: the lock of each of its hosts — who holds it, who waits (docs/locks.md).</summary>
    public IReadOnlyList<Runbooks.Core.Locks.TargetLockState> Locks { get; init; } = [];

    /// <summary>The approval gates the run reached, with every decision.</summary>
    public IReadOnlyList<StoredGate> Approvals { get; init; } = [];
}

/// <summary>An approval gate a run reached and the decisions at it.</summary>
/// <param name="Gate">Who may approve, how many, until when.</param>
/// <param name="Decisions">Who decided what, with comments, oldest first.</param>
public sealed record StoredGate(Runbooks.Core.Journal.ApprovalRequest Gate, IReadOnlyList<Runbooks.Core.Journal.ApprovalDecision> Decisions);
