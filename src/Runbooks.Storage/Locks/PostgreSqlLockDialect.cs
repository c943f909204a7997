using System.Data.Common;

namespace Runbooks.Storage.Locks;

/// <summary>
/// PostgreSQL: instants are <c>clock_timestamp()</c> (the server's clock at the statement, not the transaction's start);
/// the target's row in <c>target_lock_fences</c> is locked FOR UPDATE, so queues of different targets never wait for
/// each other. A release sends NOTIFY so waiters on other workers look at once; they also look every 250 ms, for
/// expired leases (which send nothing) and lost notifications.
/// </summary>
internal sealed class PostgreSqlLockDialect : LockDialect
{
    /// <summary>The one channel all lock notifications use; the payload is <c>schema/target</c>.</summary>
    public const string Channel = "runbooks_target_locks";

    public override string Now => "clock_timestamp()";

    public override string NowPlusTtl => "(clock_timestamp() + @ttl)";

    public override TimeSpan PollInterval => TimeSpan.FromMilliseconds(250);

    public override object Ttl(TimeSpan ttl) => ttl;

    public override async Task LockTargetAsync(DbConnection connection, DbTransaction transaction, string target, CancellationToken cancellationToken)
    {
        await base.LockTargetAsync(connection, transaction, target, cancellationToken).ConfigureAwait(false);
        await using var row = Sql.Command(connection, transaction, "SELECT last_token FROM target_lock_fences WHERE target = @t FOR UPDATE", ("t", target));
        await row.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    public override async Task NotifyAsync(DbConnection connection, DbTransaction? transaction, string target, CancellationToken cancellationToken)
    {
        // Sent at commit; schemas share the channel, so the payload names the schema.
        await using var notify = Sql.Command(connection, transaction,
            $"SELECT pg_notify('{Channel}', current_schema() || '/' || @t)", ("t", target));
        await notify.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    public override IAsyncDisposable? Listen(JournalDatabase database, LockSignals signals) => new PostgreSqlLockListener(database, signals);
}
