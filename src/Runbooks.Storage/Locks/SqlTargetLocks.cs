using System.Collections.Concurrent;
using Runbooks.Core;
using Runbooks.Core.Locks;

namespace Runbooks.Storage.Locks;

/// <summary>
/// Target locks every worker on one journal database shares (SQLite or PostgreSQL): lease rows in
/// <c>target_locks</c>, timed by the database clock, never a worker's. A request joins the target's queue (a row with
/// a sequence number) and keeps its place alive; it gets the target when no live lease exists and nobody is ahead of
/// it. A lease lives <see cref="TargetLockOptions.LeaseTtl"/> and is renewed every third of that; a worker that dies
/// holds its hosts until its lease expires, then the next waiter gets them with a higher fencing token. On PostgreSQL
/// a release wakes waiters on every worker at once (LISTEN/NOTIFY); on SQLite other processes look every 50 ms.
/// While the database is unreachable, waiters keep trying until their wait timeout and holders lose their lease
/// (<see cref="ITargetLease.Lost"/>) once it could not be renewed within its TTL. The schema must be migrated
/// (<c>JournalStore.OpenAsync</c>); the database stays owned by the caller.
/// </summary>
public sealed class SqlTargetLocks : ITargetLocks, IAsyncDisposable
{
    private readonly JournalDatabase _database;
    private readonly LockDialect _dialect;
    private readonly LockTable _table;
    private readonly LockSignals _signals = new();
    private readonly TimeProvider _time;
    private readonly string _machineName;
    private readonly ConcurrentDictionary<SqlTargetLease, bool> _leases = new();
    private readonly Lock _listenerGate = new();
    private IAsyncDisposable? _listener;
    private bool _disposed;

    /// <summary>Locks in <paramref name="database"/> with <paramref name="options"/> (default <see cref="TargetLockOptions"/>'s defaults).</summary>
    public SqlTargetLocks(JournalDatabase database, TargetLockOptions? options = null, TimeProvider? time = null, string? machineName = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        Options = (options ?? new TargetLockOptions()).EnsureValid();
        _dialect = LockDialect.For(database);
        _table = new LockTable(database, _dialect, Options.LeaseTtl);
        _time = time ?? TimeProvider.System;
        _machineName = machineName ?? Environment.MachineName;
    }

    /// <summary>The settings in use.</summary>
    public TargetLockOptions Options { get; }

    /// <inheritdoc />
    public async ValueTask<ITargetLease> AcquireAsync(LockRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        var target = TargetLockKey.For(request.Target, _machineName);
        var started = _time.GetTimestamp();
        var heartbeat = Options.LeaseTtl / 3;
        long? seq = null;
        var lastWrite = started;
        Exception? lastError = null;
        try
        {
            while (true)
            {
                // Taken before looking, so a release between the look and the sleep still wakes us.
                var wake = _signals.Next(target);
                try
                {
                    if (seq is null || _time.GetElapsedTime(lastWrite) >= heartbeat || await LooksFreeAsync(request, target, seq.Value, cancellationToken).ConfigureAwait(false))
                    {
                        var attempt = _time.GetTimestamp();
                        var entered = await _table.EnterAsync(request, target, seq).ConfigureAwait(false);
                        (seq, lastWrite, lastError) = (entered.Seq, attempt, null);
                        if (entered.Token is { } token)
                        {
                            _signals.Wake(target); // waiters of the same root run may re-enter now
                            var lease = new SqlTargetLease(this, _table, _time, target, entered.Seq, token, Options.LeaseTtl, attempt);
                            _leases.TryAdd(lease, true);
                            return lease;
                        }
                    }
                }
                catch (Exception ex) when (IsDatabaseError(ex))
                {
                    lastError = ex; // keep trying until the wait timeout: the database may come back
                }
                var remaining = request.WaitTimeout == Timeout.InfiniteTimeSpan ? _dialect.PollInterval : request.WaitTimeout - _time.GetElapsedTime(started);
                if (remaining <= TimeSpan.Zero)
                {
                    throw await TimedOutAsync(request, target, seq, _time.GetElapsedTime(started), lastError).ConfigureAwait(false);
                }
                try
                {
                    await wake.WaitAsync(remaining < _dialect.PollInterval ? remaining : _dialect.PollInterval, _time, cancellationToken).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                    // Look again: an expired lease sends no wake-up.
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && seq is { } queued)
        {
            await LeaveQuietlyAsync(queued, target).ConfigureAwait(false);
            throw;
        }
    }

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<TargetLockState>> DescribeAsync(IReadOnlyCollection<string>? targets, CancellationToken cancellationToken)
    {
        var keys = targets?.Select(t => TargetLockKey.For(t, _machineName)).Distinct(StringComparer.Ordinal).ToList();
        IReadOnlyList<LockRow> rows;
        try
        {
            rows = await _table.LiveAsync(keys, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (IsDatabaseError(ex))
        {
            throw new RunbooksException($"cannot read the target locks from the {_database.Provider} journal at {_database.Location}: {ex.Message}", ex);
        }
        var byTarget = rows.GroupBy(r => r.Target, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        return [.. (keys ?? [.. byTarget.Keys.Order(StringComparer.Ordinal)])
            .Select(k => LockRow.ToState(k, byTarget.TryGetValue(k, out var list) ? list : []))];
    }

    /// <summary>Stops listening and releases every lease still held (a clean shutdown frees its hosts at once).</summary>
    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        foreach (var lease in _leases.Keys)
        {
            await lease.DisposeAsync().ConfigureAwait(false);
        }
        IAsyncDisposable? listener;
        lock (_listenerGate)
        {
            (listener, _listener) = (_listener, null);
        }
        if (listener is not null)
        {
            await listener.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Called by a lease after it removed its row: local waiters look at once.</summary>
    internal void Released(SqlTargetLease lease)
    {
        _leases.TryRemove(lease, out _);
        _signals.Wake(lease.Target);
    }

    internal bool IsDatabaseError(Exception exception) =>
        _database.IsDatabaseError(exception) || exception is InvalidOperationException or TimeoutException;

    /// <summary>
    /// A read-only look (no write lock) whether a write could take the target now, so waiters do not write every poll:
    /// the target is held by our own root run, or free with us first in line, or our place is gone.
    /// </summary>
    private async Task<bool> LooksFreeAsync(LockRequest request, string target, long seq, CancellationToken cancellationToken)
    {
        EnsureListening();
        var rows = await _table.LiveAsync([target], cancellationToken).ConfigureAwait(false);
        if (rows.FirstOrDefault(r => r.IsHolding) is { } holder)
        {
            return holder.OwnerKey == request.OwnerKey;
        }
        return rows.FirstOrDefault(r => !r.IsHolding) is not { } head || head.Seq == seq;
    }

    private async Task<TargetLockTimeoutException> TimedOutAsync(LockRequest request, string target, long? seq, TimeSpan waited, Exception? lastError)
    {
        var named = request with { Target = target };
        if (seq is null)
        {
            return new TargetLockTimeoutException(named, waited, null, 0, lastError?.Message ?? "no answer");
        }
        try
        {
            var rows = await _table.RemoveAsync(seq.Value, target).ConfigureAwait(false);
            _signals.Wake(target);
            var ahead = rows.Count(r => !r.IsHolding && r.Seq < seq.Value);
            return new TargetLockTimeoutException(named, waited, rows.FirstOrDefault(r => r.IsHolding)?.ToHolder(), ahead);
        }
        catch (Exception ex) when (IsDatabaseError(ex))
        {
            // Our place in the queue expires by itself after the TTL.
            return new TargetLockTimeoutException(named, waited, null, 0, ex.Message);
        }
    }

    private async Task LeaveQuietlyAsync(long seq, string target)
    {
        try
        {
            await _table.RemoveAsync(seq, target).ConfigureAwait(false);
            _signals.Wake(target);
        }
        catch (Exception ex) when (IsDatabaseError(ex))
        {
            // The place expires by itself after the TTL; the caller's cancellation is what matters.
        }
    }

    private void EnsureListening()
    {
        lock (_listenerGate)
        {
            if (_listener is null && !_disposed)
            {
                _listener = _dialect.Listen(_database, _signals) ?? NothingToRelease.Instance;
            }
        }
    }
}
