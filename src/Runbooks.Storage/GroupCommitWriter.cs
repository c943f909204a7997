using System.Data.Common;
using System.Threading.Channels;
using Runbooks.Core;

namespace Runbooks.Storage;

/// <summary>
/// Writes journal changes in group commits: every change waiting when the writer is free goes into one transaction,
/// and each caller is released only after that transaction committed (so the write-ahead promise holds: a step acts
/// only once its start is durable). With 50 hosts starting steps at once this is one fsync instead of 50 — with
/// SQLite's <c>synchronous=FULL</c> the difference between seconds and milliseconds per rollout wave.
/// A change that fails alone (a refused fencing ticket) fails only its caller; a database error rolls the group back,
/// and each change is then retried in a transaction of its own, so one bad change cannot fail its neighbours.
/// <para>
/// A change written as one command (<see cref="WriteOneCommandAsync"/>) that finds the writer free goes alone and, on
/// PostgreSQL, without BEGIN and COMMIT: the server runs the statements of one command as one implicit transaction,
/// committed before the answer comes back, so the change is as atomic and as durable in one round trip as it was in two.
/// That is the common case on a worker (each run's claim, step and end arrive one at a time) and saves a round trip each.
/// </para>
/// </summary>
internal sealed class GroupCommitWriter : IAsyncDisposable
{
    /// <summary>At most this many changes per transaction, so one huge wave cannot hold the write lock for long.</summary>
    private const int MaxGroup = 512;

    private readonly JournalDatabase _database;
    private readonly Channel<Change> _queue;
    private readonly int _maxGroup;
    private readonly Task[] _loops;

    /// <summary>One writer, grouping up to 512 waiting changes per transaction.</summary>
    public GroupCommitWriter(JournalDatabase database) : this(database, lanes: 1, maxGroup: MaxGroup)
    {
    }

    /// <summary>
    /// <paramref name="lanes"/> writers taking from one queue, each committing up to <paramref name="maxGroup"/> changes
    /// per transaction. More than one lane only where transactions may write at once
    /// (<see cref="JournalDatabase.WritesConcurrently"/>), and with a group of one when changes take locks: two
    /// transactions of several changes each could take the same two locks in opposite orders.
    /// </summary>
    public GroupCommitWriter(JournalDatabase database, int lanes, int maxGroup)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(lanes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxGroup, 1);
        _database = database;
        _maxGroup = maxGroup;
        _queue = Channel.CreateUnbounded<Change>(new UnboundedChannelOptions { SingleReader = lanes == 1 });
        _loops = [.. Enumerable.Range(0, lanes).Select(_ => Task.Run(RunAsync))];
    }

    /// <summary>Queues a change and completes when it is committed (or fails with its own error).</summary>
    public Task WriteAsync(Func<DbConnection, DbTransaction, Task> work, string what) =>
        Queue(new Change((connection, transaction) => work(connection, transaction!), what, OneCommand: false, NewDone()));

    /// <summary>
    /// Like <see cref="WriteAsync"/>, for a change that sends exactly one command (of one or more statements; reads to
    /// explain a refusal may follow it). Its transaction is null when it goes alone on a database that runs one command
    /// atomically (<see cref="JournalDatabase.RunsOneCommandAtomically"/>).
    /// </summary>
    public Task WriteOneCommandAsync(Func<DbConnection, DbTransaction?, Task> work, string what) =>
        Queue(new Change(work, what, OneCommand: true, NewDone()));

    private static TaskCompletionSource NewDone() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private Task Queue(Change change)
    {
        if (!_queue.Writer.TryWrite(change))
        {
            throw new ObjectDisposedException(nameof(GroupCommitWriter), $"the journal is closed; cannot {change.What}");
        }
        return change.Done.Task;
    }

    /// <summary>Writes what is queued, then stops.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_loops).ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var group = new List<Change>(Math.Min(_maxGroup, 64));
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            group.Clear();
            while (group.Count < _maxGroup && _queue.Reader.TryRead(out var change))
            {
                group.Add(change);
            }
            if (group.Count == 0)
            {
                // Another lane took what woke this one.
                continue;
            }
            if (!await TryCommitAsync(group).ConfigureAwait(false))
            {
                foreach (var change in group)
                {
                    await TryCommitAsync([change]).ConfigureAwait(false);
                }
            }
        }
    }

    /// <summary>
    /// Commits the changes in one transaction and completes them; false (nothing completed) when the database failed
    /// and the group has more than one change, so the caller retries them one by one.
    /// </summary>
    private async Task<bool> TryCommitAsync(IReadOnlyList<Change> changes)
    {
        var own = new Exception?[changes.Count];
        try
        {
            await using var connection = await _database.OpenAsync(CancellationToken.None).ConfigureAwait(false);
            if (changes is [{ OneCommand: true } alone] && _database.RunsOneCommandAtomically)
            {
                own[0] = await ApplyAsync(alone, connection, null).ConfigureAwait(false);
            }
            else
            {
                await using var transaction = await connection.BeginTransactionAsync(CancellationToken.None).ConfigureAwait(false);
                for (var i = 0; i < changes.Count; i++)
                {
                    own[i] = await ApplyAsync(changes[i], connection, transaction).ConfigureAwait(false);
                }
                await transaction.CommitAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception ex) when (_database.IsDatabaseError(ex) || ex is InvalidOperationException or TimeoutException)
        {
            if (changes.Count > 1)
            {
                return false;
            }
            // The engine stops the run when its journal cannot be written: acting without a record breaks the write-ahead promise.
            changes[0].Done.TrySetException(new Runbooks.Core.Journal.JournalUnavailableException(
                $"cannot {changes[0].What} in the {_database.Provider} journal at {_database.Location}: {ex.Message}", ex));
            return true;
        }
        for (var i = 0; i < changes.Count; i++)
        {
            if (own[i] is { } error)
            {
                changes[i].Done.TrySetException(error);
            }
            else
            {
                changes[i].Done.TrySetResult();
            }
        }
        return true;
    }

    /// <summary>Runs one change; its own refusal (a <see cref="RunbooksException"/>), if any, is returned, not thrown.</summary>
    private static async Task<Exception?> ApplyAsync(Change change, DbConnection connection, DbTransaction? transaction)
    {
        try
        {
            await change.Work(connection, transaction).ConfigureAwait(false);
            return null;
        }
        catch (RunbooksException ex)
        {
            // Refused by a check before it changed anything (stale ticket, unknown run): the rest still commit.
            return ex;
        }
    }

    private sealed record Change(Func<DbConnection, DbTransaction?, Task> Work, string What, bool OneCommand, TaskCompletionSource Done);
}
