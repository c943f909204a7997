using System.Data.Common;
using Runbooks.Core;
using Runbooks.Core.Alerts;

namespace Runbooks.Storage.Alerts;

/// <summary>
/// The durable side of alert intake, on the run journal's database (SQLite or PostgreSQL): every alert and decision,
/// the runs alerts started, breakers, needs-human marks, resets and the escalation outbox. Each alert's decisions are
/// committed with the run they queue, or not at all: on SQLite through a group-commit writer (one fsync for many
/// alerts), on PostgreSQL <see cref="IntakeLanes"/> alerts at a time, each in its own transaction.
/// A write that fails throws <see cref="RunbooksException"/>; answer 5xx, so the sender retries.
/// </summary>
public sealed class AlertStore : IAsyncDisposable
{
    private readonly JournalDatabase _database;
    private readonly GroupCommitWriter _writer;
    private readonly TimeProvider _time;

    /// <summary>Alerts of <paramref name="store"/>'s database; <paramref name="time"/> (default the system clock) times cooldowns and breakers.</summary>
    public AlertStore(JournalStore store, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        _database = store.Database;
        _time = time ?? TimeProvider.System;
        // On PostgreSQL, IntakeLanes alerts are decided at once, each in a transaction of its own: a decision is ~15
        // round trips, and one after another they capped intake near the speed of one connection. The decisions lock
        // their fingerprint and targets first, in one order, so concurrent ones for the same alert still go one by one
        // (as they do across several servers). SQLite has one writer: its decisions are grouped into one transaction.
        _writer = _database.WritesConcurrently ? new GroupCommitWriter(_database, IntakeLanes, maxGroup: 1) : new GroupCommitWriter(_database);
        Queries = new AlertQueries(_database);
        Outbox = new EscalationOutbox(_database, _time);
    }

    /// <summary>How many alerts are decided at once where the database allows concurrent writers.</summary>
    internal const int IntakeLanes = 4;

    /// <summary>Received alerts, decisions, breakers, needs-human marks and counters, for the API and metrics.</summary>
    public AlertQueries Queries { get; }

    /// <summary>Escalations waiting to be sent.</summary>
    public EscalationOutbox Outbox { get; }

    internal TimeProvider Time => _time;

    /// <summary>Stores one alert and decides about it (see <see cref="AlertDecider"/>); returns it with its decisions once committed.</summary>
    internal async Task<StoredAlert> RecordAsync(ReceivedAlert received, IReadOnlyList<AlertCandidate> candidates, AlertRecordContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(received);
        StoredAlert? result = null;
        // The writer may run the change twice (alone, after its group failed): each run starts from nothing.
        await WriteAsync(async (connection, transaction) =>
            result = await new AlertDecider(_database, connection, transaction, context).DecideAsync(received, candidates, CancellationToken.None).ConfigureAwait(false),
            $"record alert {received.Alert.Fingerprint}", cancellationToken).ConfigureAwait(false);
        return result!;
    }

    /// <summary>
    /// Judges an alert-triggered run that ended: failed when the run failed or its trigger's <c>verify</c> step did (its
    /// last attempt on any target failed, timed out or was interrupted); then one escalation goes out (per channel), once
    /// however often this is called. Call it from the worker when any run ends. Null when the run is not alert-triggered
    /// or has not ended.
    /// </summary>
    public async Task<AlertRunOutcome?> RunEndedAsync(string runId, IReadOnlyList<string> channels, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        ArgumentNullException.ThrowIfNull(channels);
        AlertRunOutcome? outcome = null;
        var context = new AlertRecordContext(_time.GetUtcNow(), "", TimeSpan.Zero, channels, 0, 0, null);
        await WriteAsync(async (connection, transaction) =>
            outcome = await AlertRunEnd.JudgeAsync(connection, transaction, context, runId, CancellationToken.None).ConfigureAwait(false),
            $"judge alert run {runId}", cancellationToken).ConfigureAwait(false);
        return outcome;
    }

    /// <summary>
    /// Closes the open breakers and needs-human marks of <paramref name="key"/> (a target, or an alert's fingerprint) and
    /// the marks those breakers set, recording who and why. Throws <see cref="RunbooksException"/> when nothing is open for it.
    /// </summary>
    public async Task<AlertReset> ResetAsync(string key, string by, string comment, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        ArgumentException.ThrowIfNullOrEmpty(by);
        ArgumentNullException.ThrowIfNull(comment);
        AlertReset? reset = null;
        var now = _time.GetUtcNow();
        await WriteAsync(async (connection, transaction) =>
            reset = await AlertResets.ResetAsync(_database, connection, transaction, key, by, comment, now, CancellationToken.None).ConfigureAwait(false),
            $"reset {key}", cancellationToken).ConfigureAwait(false);
        return reset!;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    private async Task WriteAsync(Func<DbConnection, DbTransaction, Task> work, string what, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        try
        {
            await _writer.WriteAsync(work, what).ConfigureAwait(false);
        }
        catch (Exception ex) when (_database.IsDatabaseError(ex))
        {
            throw new RunbooksException($"cannot {what} in the {_database.Provider} journal at {_database.Location}: {ex.Message}", ex);
        }
    }
}
