using System.Data.Common;

namespace Runbooks.Storage;

/// <summary>
/// Where the run journal lives: SQLite (the embedded default, one file) or PostgreSQL (shared by every
/// <c>runbooks serve</c> process). The journal and the run store speak portable SQL over it; only the schema
/// migrations and connection set-up differ per provider.
/// </summary>
public abstract class JournalDatabase : IAsyncDisposable
{
    /// <summary>The provider's name as configured (<c>sqlite</c> or <c>postgresql</c>), for messages and logs.</summary>
    public abstract string Provider { get; }

    /// <summary>Where the data is, for messages (a file path, or host/database without the password).</summary>
    public abstract string Location { get; }

    /// <summary>The schema versions, in order; applied by <see cref="Schema.SchemaMigrator"/>.</summary>
    internal abstract IReadOnlyList<Schema.Migration> Migrations { get; }

    /// <summary>Opens a connection, ready for commands (pragmas set, schema search path chosen).</summary>
    internal abstract ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>Creates the container the tables live in, when the provider has one (a PostgreSQL schema).</summary>
    internal virtual Task EnsureSchemaAsync(DbConnection connection, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Serializes concurrent schema migrators (two servers starting at once on a new database) until the returned
    /// handle is disposed: a session advisory lock on PostgreSQL, taken before the schema and the migrations table are
    /// created, since even <c>CREATE ... IF NOT EXISTS</c> fails when two sessions create the same object at once. SQLite
    /// needs none: each migration's write transaction is exclusive, and its DDL waits in the busy handler.
    /// </summary>
    internal abstract Task<IAsyncDisposable> LockForMigrationAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>
    /// True when the statements of one command sent outside a transaction commit or fail together: PostgreSQL runs
    /// everything up to the protocol's Sync, which Npgsql sends once per command, as one implicit transaction. False
    /// for SQLite, which commits each statement of such a command on its own.
    /// </summary>
    internal virtual bool RunsOneCommandAtomically => false;

    /// <summary>
    /// True when one statement can write to a table and then to another from what the first wrote (PostgreSQL's
    /// <c>WITH … UPDATE … RETURNING</c>): a run's end and its event go in one statement, the event only if the end was
    /// written. SQLite has no writes in <c>WITH</c>; it gets two statements in one transaction.
    /// </summary>
    internal virtual bool ChainsWritesInOneStatement => false;

    /// <summary>
    /// True when transactions may write at the same time (PostgreSQL: row and advisory locks keep conflicting ones apart,
    /// and the server batches their commits' WAL flushes itself). SQLite has one writer at a time: its writes are better
    /// grouped into one transaction.
    /// </summary>
    internal virtual bool WritesConcurrently => false;

    /// <summary>
    /// SQL for the database's own clock in Unix milliseconds. Run leases are timed by it, never by a worker's clock:
    /// two workers whose clocks disagree still agree on whether a lease has expired.
    /// </summary>
    internal abstract string NowMillisSql { get; }

    /// <summary>Whether <paramref name="exception"/> (or what it wraps) says the database could not be reached or written.</summary>
    public bool IsUnavailable(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (IsDatabaseError(current))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Whether an exception means the database could not be reached or the statement could not run.</summary>
    internal abstract bool IsDatabaseError(Exception exception);

    /// <inheritdoc />
    public virtual ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        return ValueTask.CompletedTask;
    }
}
