using Npgsql;

namespace Runbooks.Storage.Locks;

/// <summary>
/// One connection per lock service that LISTENs for releases and wakes this process's waiters. When the connection
/// breaks it reconnects every second; waiters keep polling meanwhile, so a missing listener only slows hand-over.
/// </summary>
internal sealed class PostgreSqlLockListener : IAsyncDisposable
{
    private readonly JournalDatabase _database;
    private readonly LockSignals _signals;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public PostgreSqlLockListener(JournalDatabase database, LockSignals signals)
    {
        _database = database;
        _signals = signals;
        _loop = Task.Run(RunAsync);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (_database.IsDatabaseError(ex) || ex is InvalidOperationException or TimeoutException or System.IO.IOException)
            {
                // The database is away; waiters poll. Try again shortly.
            }
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(1), _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ListenAsync(CancellationToken cancellationToken)
    {
        await using var connection = (NpgsqlConnection)await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        string schema;
        await using (var current = Sql.Command(connection, null, "SELECT current_schema()"))
        {
            schema = (string)(await current.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }
        var prefix = schema + "/";
        connection.Notification += (_, e) =>
        {
            if (e.Payload.StartsWith(prefix, StringComparison.Ordinal))
            {
                _signals.Wake(e.Payload[prefix.Length..]);
            }
        };
        // From LISTEN on, whatever happens ends in UNLISTEN: pooled connections are not reset on return.
        try
        {
            await using (var listen = Sql.Command(connection, null, $"LISTEN {PostgreSqlLockDialect.Channel}"))
            {
                await listen.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            _signals.WakeAll(); // anything released while we were not listening
            while (true)
            {
                await connection.WaitAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (connection.State == System.Data.ConnectionState.Open)
            {
                // The connection goes back to the pool: it must not keep receiving notifications nobody reads.
                await using var unlisten = Sql.Command(connection, null, "UNLISTEN *");
                try
                {
                    await unlisten.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
                }
                catch (Exception ex) when (_database.IsDatabaseError(ex) || ex is InvalidOperationException)
                {
                    // A broken connection is discarded by the pool anyway.
                }
            }
        }
    }
}
