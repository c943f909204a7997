using System.Collections.Concurrent;

namespace Runbooks.Core.Journal;

/// <summary>
/// Keeps every journal entry in memory, in order. The default for the CLI and tests; the durable journals
/// (SQLite, PostgreSQL) implement the same interface.
/// </summary>
public sealed class InMemoryRunJournal : IRunJournal
{
    private readonly ConcurrentQueue<JournalEntry> _entries = new();
    private long _fencingToken;

    /// <summary>Every entry so far, in the order written.</summary>
    public IReadOnlyList<JournalEntry> Entries => [.. _entries];

    /// <inheritdoc />
    public ValueTask RunStartedAsync(RunRecord run, CancellationToken cancellationToken)
    {
        _entries.Enqueue(new JournalEntry(JournalEntryKind.RunStarted, run.RunId, null, run.StartedAt) { Run = run });
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask<StepTicket> StepStartingAsync(StepAttemptStart start, CancellationToken cancellationToken)
    {
        _entries.Enqueue(new JournalEntry(JournalEntryKind.StepStarted, start.RunId, start.StepPath, start.StartedAt) { Start = start });
        return ValueTask.FromResult(new StepTicket(start, Interlocked.Increment(ref _fencingToken)));
    }

    /// <inheritdoc />
    public ValueTask StepFinishedAsync(StepTicket ticket, StepAttemptOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        _entries.Enqueue(new JournalEntry(JournalEntryKind.StepFinished, ticket.Start.RunId, ticket.Start.StepPath, outcome.EndedAt) { Outcome = outcome, Start = ticket.Start });
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public async ValueTask StepRecordedAsync(StepAttemptStart start, StepAttemptOutcome outcome, CancellationToken cancellationToken)
    {
        // The same two entries as a step that was journaled before and after: readers of the entries see no difference.
        var ticket = await StepStartingAsync(start, cancellationToken).ConfigureAwait(false);
        await StepFinishedAsync(ticket, outcome, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public ValueTask StepSkippedAsync(string runId, string stepPath, string target, string reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        _entries.Enqueue(new JournalEntry(JournalEntryKind.StepSkipped, runId, stepPath, at) { Reason = reason });
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask RunResumedAsync(string runId, string by, string reason, bool anyStepStarted, DateTimeOffset at, CancellationToken cancellationToken)
    {
        _entries.Enqueue(new JournalEntry(JournalEntryKind.RunResumed, runId, null, at) { Reason = $"{reason} ({by})" });
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask RunParkedAsync(string runId, RunStatus status, string reason, DateTimeOffset? wakeAt, DateTimeOffset at, CancellationToken cancellationToken)
    {
        _entries.Enqueue(new JournalEntry(JournalEntryKind.RunParked, runId, null, at) { RunStatus = status, Reason = reason });
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask ApprovalRequestedAsync(ApprovalRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        _entries.Enqueue(new JournalEntry(JournalEntryKind.ApprovalRequested, request.RunId, request.StepPath, request.RequestedAt) { Reason = request.Message });
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask RunFinishedAsync(string runId, RunStatus status, string? error, IReadOnlyDictionary<string, object?> outputs, DateTimeOffset at, CancellationToken cancellationToken)
    {
        _entries.Enqueue(new JournalEntry(JournalEntryKind.RunFinished, runId, null, at) { RunStatus = status, Reason = error });
        return ValueTask.CompletedTask;
    }
}

/// <summary>What an in-memory journal entry records.</summary>
public enum JournalEntryKind
{
    /// <summary>A run started.</summary>
    RunStarted,
    /// <summary>A step attempt was about to act.</summary>
    StepStarted,
    /// <summary>A step attempt ended.</summary>
    StepFinished,
    /// <summary>A step did not run.</summary>
    StepSkipped,
    /// <summary>A run ended.</summary>
    RunFinished,
    /// <summary>A run in the journal continued.</summary>
    RunResumed,
    /// <summary>A run stopped without ending (in doubt, suspended, handed back).</summary>
    RunParked,
    /// <summary>A run reached an approval gate.</summary>
    ApprovalRequested,
}

/// <summary>One entry of an <see cref="InMemoryRunJournal"/>.</summary>
public sealed record JournalEntry(JournalEntryKind Kind, string RunId, string? StepPath, DateTimeOffset At)
{
    /// <summary>For RunStarted.</summary>
    public RunRecord? Run { get; init; }
    /// <summary>For StepStarted and StepFinished.</summary>
    public StepAttemptStart? Start { get; init; }
    /// <summary>For StepFinished.</summary>
    public StepAttemptOutcome? Outcome { get; init; }
    /// <summary>For StepSkipped, RunFinished, RunResumed, RunParked and ApprovalRequested.</summary>
    public string? Reason { get; init; }
    /// <summary>For RunFinished and RunParked.</summary>
    public RunStatus? RunStatus { get; init; }
}
