using System.Data.Common;
using Runbooks.Core;
using Runbooks.Storage.PostgreSql;
using Runbooks.Storage.Sqlite;

namespace Runbooks.Storage.Locks;

/// <summary>
/// What differs per provider in the lock tables: the database clock, how a target's queue is serialized, how waiters
/// are woken. Every instant the locks compare comes from <see cref="Now"/>, never from a client clock.
/// </summary>
internal abstract class LockDialect
{
    /// <summary>The database clock, as an SQL expression of the provider's instant type.</summary>
    public abstract string Now { get; }

    /// <summary>The database clock plus the <c>@ttl</c> parameter (see <see cref="Ttl"/>).</summary>
    public abstract string NowPlusTtl { get; }

    /// <summary>How long a waiter sleeps between looks at the queue when no wake-up arrives.</summary>
    public abstract TimeSpan PollInterval { get; }

    /// <summary>The <c>@ttl</c> parameter's value for <paramref name="ttl"/>.</summary>
    public abstract object Ttl(TimeSpan ttl);

    /// <summary>
    /// Makes the transaction the only one changing <paramref name="target"/>'s queue until it ends, and makes sure its
    /// fencing counter exists.
    /// </summary>
    public virtual async Task LockTargetAsync(DbConnection connection, DbTransaction transaction, string target, CancellationToken cancellationToken)
    {
        await using var ensure = Sql.Command(connection, transaction,
            "INSERT INTO target_lock_fences (target, last_token) VALUES (@t, 0) ON CONFLICT (target) DO NOTHING", ("t", target));
        await ensure.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Tells other processes that <paramref name="target"/>'s queue changed (a release), when the provider can.</summary>
    public virtual Task NotifyAsync(DbConnection connection, DbTransaction? transaction, string target, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Starts listening for other processes' notifications, when the provider can; null otherwise.</summary>
    public virtual IAsyncDisposable? Listen(JournalDatabase database, LockSignals signals) => null;

    /// <summary>The dialect of <paramref name="database"/>.</summary>
    public static LockDialect For(JournalDatabase database) => database switch
    {
        SqliteJournalDatabase => new SqliteLockDialect(),
        PostgreSqlJournalDatabase => new PostgreSqlLockDialect(),
        _ => throw new RunbooksException($"target locks do not support the {database.Provider} journal; use sqlite or postgresql"),
    };
}
