using System.Collections.Concurrent;

namespace Runbooks.Storage;

/// <summary>
/// Keeps a worker's runs owned: every third of the lease time one statement extends the lease of every run the worker
/// is running, timed by the database clock. When the worker dies the renewals stop, the leases run out, and another
/// worker's sweep (<see cref="RunDispatch"/>) takes the runs over. A failed renewal is retried on the next tick; if the
/// database stays away longer than the lease, other workers may take the runs, and fencing refuses this worker's writes.
/// </summary>
internal sealed class RunLeases : IAsyncDisposable
{
    private readonly JournalDatabase _database;
    private readonly string _owner;
    private readonly TimeSpan _ttl;
    private readonly ConcurrentDictionary<string, byte> _active = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public RunLeases(JournalDatabase database, string owner, TimeSpan ttl)
    {
        if (ttl < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentOutOfRangeException(nameof(ttl), ttl, "a run lease must last at least a second");
        }
        (_database, _owner, _ttl) = (database, owner, ttl);
        _loop = Task.Run(RenewLoopAsync);
    }

    /// <summary>The worker runs this run now.</summary>
    public void Track(string runId) => _active[runId] = 0;

    /// <summary>The run ended or was parked: no more renewals for it.</summary>
    public void Forget(string runId) => _active.TryRemove(runId, out _);

    private async Task RenewLoopAsync()
    {
        using var timer = new PeriodicTimer(_ttl / 3);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                if (_active.IsEmpty)
                {
                    continue;
                }
                try
                {
                    await using var connection = await _database.OpenAsync(_stop.Token).ConfigureAwait(false);
                    await using var renew = Sql.Command(connection, null,
                        $"UPDATE runs SET lease_expires_ms = {_database.NowMillisSql} + @ttl WHERE owner = @owner AND status = 'running'",
                        ("ttl", (long)_ttl.TotalMilliseconds), ("owner", _owner));
                    await renew.ExecuteNonQueryAsync(_stop.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (_database.IsDatabaseError(ex) || ex is InvalidOperationException or TimeoutException)
                {
                    // The database is away: try again next tick (see the class comment for what happens if it stays away).
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }
}
