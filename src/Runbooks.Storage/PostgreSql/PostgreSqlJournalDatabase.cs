using System.Data.Common;
using System.Text.RegularExpressions;
using Npgsql;
using Runbooks.Core;
using Runbooks.Storage.Schema;

namespace Runbooks.Storage.PostgreSql;

/// <summary>
/// The production journal: one PostgreSQL database shared by every <c>runbooks serve</c> process, optionally in its
/// own schema (created when missing). Connections are pooled by Npgsql; the password never appears in
/// <see cref="Location"/> or any message.
/// </summary>
public sealed partial class PostgreSqlJournalDatabase : JournalDatabase
{
    // Any constant works, as long as no other application on the database uses it for its own advisory locks.
    private const long MigrationLockKey = 0x52554E424F4F4B53; // "RUNBOOKS"

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _schema;

    /// <summary>A journal on the database <paramref name="connectionString"/> names, in <paramref name="schema"/> (default <c>runbooks</c>).</summary>
    public PostgreSqlJournalDatabase(string connectionString, string schema = "runbooks")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        if (!SchemaName().IsMatch(schema))
        {
            throw new RunbooksException(
                $"PostgreSQL schema name '{schema}' is not allowed; use lower-case letters, digits and '_', starting with a letter (at most 63)");
        }
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString);
        }
        catch (ArgumentException ex)
        {
            throw new RunbooksException($"the PostgreSQL connection string is not valid: {ex.Message}", ex);
        }
        _schema = schema;
        // Every pooled connection starts in the journal's schema, without a round trip per open.
        builder.SearchPath = schema;
        // The journal sends the same few statements for every step: prepared once per connection, not parsed each time.
        if (builder.MaxAutoPrepare == 0)
        {
            builder.MaxAutoPrepare = 64;
        }
        // A connection going back to the pool skips Npgsql's reset (with prepared statements, seven statements the next
        // command carries to the server): the journal leaves no session state behind. Its advisory locks are
        // transaction-scoped or released explicitly (the migration lock), the lock listener unlistens before it closes,
        // and it sets nothing and creates no temporary tables. An open transaction is still rolled back on return.
        builder.NoResetOnClose = true;
        Location = $"{builder.Host}:{builder.Port}/{builder.Database} (schema {schema})";
        _dataSource = NpgsqlDataSource.Create(builder);
    }

    /// <inheritdoc />
    public override string Provider => "postgresql";

    /// <inheritdoc />
    public override string Location { get; }

    internal override IReadOnlyList<Migration> Migrations => PostgreSqlMigrations.All;

    /// <inheritdoc />
    internal override bool RunsOneCommandAtomically => true;

    /// <inheritdoc />
    internal override bool ChainsWritesInOneStatement => true;

    /// <inheritdoc />
    internal override bool WritesConcurrently => true;

    internal override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        return await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
    }

    internal override async Task EnsureSchemaAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // The schema name was checked against a strict pattern, so it can stand in the text.
        await using var command = Sql.Command(connection, null, $"CREATE SCHEMA IF NOT EXISTS {_schema}");
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    internal override async Task<IAsyncDisposable> LockForMigrationAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // A session lock, not a transaction's: it must cover CREATE SCHEMA and CREATE TABLE schema_migrations too,
        // which two servers starting together on a new database would otherwise race on (42710, or 23505 on pg_type).
        try
        {
            await using var command = Sql.Command(connection, null, "SELECT pg_advisory_lock(@key)", ("key", MigrationLockKey));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Cancelled or failed, the lock may still have been granted: the connection goes back to a pool that does
            // not reset it, so it must not keep the lock.
            await AdvisoryLock.ReleaseAsync(connection).ConfigureAwait(false);
            throw;
        }
        return new AdvisoryLock(connection);
    }

    /// <summary>Releases the migration lock; if the connection broke, the server already released it with the session.</summary>
    private sealed class AdvisoryLock(DbConnection connection) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ReleaseAsync(connection);

        /// <summary>Every session advisory lock of the connection: the migration lock is the only one the journal takes.</summary>
        public static async ValueTask ReleaseAsync(DbConnection connection)
        {
            if (connection.State != System.Data.ConnectionState.Open)
            {
                return;
            }
            try
            {
                await using var command = Sql.Command(connection, null, "SELECT pg_advisory_unlock_all()");
                await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (NpgsqlException)
            {
                // The connection broke: the server ends the session, and its locks with it.
            }
        }
    }

    internal override string NowMillisSql => "CAST(EXTRACT(EPOCH FROM clock_timestamp()) * 1000 AS BIGINT)";

    internal override bool IsDatabaseError(Exception exception) => exception is NpgsqlException;

    /// <inheritdoc />
    public override async ValueTask DisposeAsync()
    {
        await _dataSource.DisposeAsync().ConfigureAwait(false);
        await base.DisposeAsync().ConfigureAwait(false);
    }

    [GeneratedRegex("^[a-z][a-z0-9_]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex SchemaName();
}
