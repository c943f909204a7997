using Runbooks.Core.Locks;

namespace Runbooks.Storage.Locks;

/// <summary>
/// A held lease row. A background loop renews it every TTL/3; <see cref="Lost"/> fires when the database says the row
/// is gone or expired (another worker took over), or when no renewal succeeded within the TTL, measured from before
/// the last successful renewal was sent, so the holder stops no later than the database lets the next waiter in.
/// </summary>
internal sealed class SqlTargetLease : ITargetLease
{
    private readonly SqlTargetLocks _owner;
    private readonly LockTable _table;
    private readonly TimeProvider _time;
    private readonly long _seq;
    private readonly TimeSpan _ttl;
    private readonly CancellationTokenSource _lost = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _renewal;
    private volatile bool _renewing = true;
    private int _released;

    public SqlTargetLease(SqlTargetLocks owner, LockTable table, TimeProvider time, string target, long seq, long fencingToken, TimeSpan ttl, long grantedAt)
    {
        (_owner, _table, _time, _seq, _ttl) = (owner, table, time, seq, ttl);
        Target = target;
        FencingToken = fencingToken;
        Lost = _lost.Token;
        _renewal = Task.Run(() => RenewAsync(grantedAt));
    }

    public string Target { get; }

    public long FencingToken { get; }

    public CancellationToken Lost { get; }

    /// <summary>Why the lease was lost, for logs; null while it holds.</summary>
    public string? LostReason { get; private set; }

    /// <summary>Stops renewing without releasing, as a worker that hangs or dies would; for tests.</summary>
    internal void StopRenewing() => _renewing = false;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) != 0)
        {
            return;
        }
        await _stop.CancelAsync().ConfigureAwait(false);
        await _renewal.ConfigureAwait(false);
        try
        {
            await _table.RemoveAsync(_seq, Target).ConfigureAwait(false);
        }
        catch (Exception ex) when (_owner.IsDatabaseError(ex))
        {
            // Unreachable database: the lease expires by itself after the TTL.
        }
        _owner.Released(this);
        // _lost stays undisposed: callers may still hold (and register on) its token.
        _stop.Dispose();
    }

    private async Task RenewAsync(long lastRenewed)
    {
        var interval = _ttl / 3;
        while (true)
        {
            var remaining = _ttl - _time.GetElapsedTime(lastRenewed);
            if (remaining <= TimeSpan.Zero)
            {
                await LoseAsync($"it could not be renewed within its TTL of {_ttl}").ConfigureAwait(false);
                return;
            }
            try
            {
                await Task.Delay(remaining < interval ? remaining : interval, _time, _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return; // released
            }
            if (!_renewing || _time.GetElapsedTime(lastRenewed) >= _ttl)
            {
                continue;
            }
            var sent = _time.GetTimestamp();
            try
            {
                // A hanging database must not hold the watchdog past the deadline.
                using var deadline = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                deadline.CancelAfter(_ttl - _time.GetElapsedTime(lastRenewed));
                if (!await _table.RenewAsync(_seq, deadline.Token).ConfigureAwait(false))
                {
                    await LoseAsync("the database no longer has it (it expired and another worker may hold the target now)").ConfigureAwait(false);
                    return;
                }
                lastRenewed = sent;
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is OperationCanceledException || _owner.IsDatabaseError(ex))
            {
                // Try again until the TTL runs out.
            }
        }
    }

    private async Task LoseAsync(string reason)
    {
        LostReason = reason;
        await _lost.CancelAsync().ConfigureAwait(false);
    }
}
