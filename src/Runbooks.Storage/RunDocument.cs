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
}
