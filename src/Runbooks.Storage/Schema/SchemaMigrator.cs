using System.Data.Common;
using System.Globalization;
using Runbooks.Core;

namespace Runbooks.Storage.Schema;

/// <summary>
/// Brings a journal database to the newest schema on start: each missing version is applied in its own transaction
/// and recorded in <c>schema_migrations</c>. A database newer than this build (a newer server ran against it) is refused
/// rather than guessed at.
/// </summary>
internal static class SchemaMigrator
{
    /// <summary>Applies every missing migration; returns the versions applied now.</summary>
    public static async Task<IReadOnlyList<int>> MigrateAsync(JournalDatabase database, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(database);
        var applied = new List<int>();
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var migrationLock = await database.LockForMigrationAsync(connection, cancellationToken).ConfigureAwait(false);
        await database.EnsureSchemaAsync(connection, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null,
            "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at TEXT NOT NULL)",
            cancellationToken).ConfigureAwait(false);
        var newest = database.Migrations.Max(m => m.Version);
        // The usual start: nothing to apply. One read, and no write lock for runs already writing to wait behind.
        if (await CurrentVersionAsync(connection, null, cancellationToken).ConfigureAwait(false) == newest)
        {
            return applied;
        }
        foreach (var migration in database.Migrations.OrderBy(m => m.Version))
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            var current = await CurrentVersionAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            if (current > newest)
            {
                throw new RunbooksException(
                    $"the {database.Provider} journal at {database.Location} has schema version {current}, newer than this Runbooks build knows ({newest}); upgrade Runbooks, or point it at another database");
            }
            if (migration.Version <= current)
            {
                continue; // already there (another server applied it while we waited for the lock)
            }
            foreach (var statement in migration.Statements)
            {
                await ExecuteAsync(connection, transaction, statement, cancellationToken).ConfigureAwait(false);
            }
            await using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_migrations (version, description, applied_at) VALUES (@v, @d, @a)";
                Sql.Add(record, "v", migration.Version);
                Sql.Add(record, "d", migration.Description);
                Sql.Add(record, "a", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            applied.Add(migration.Version);
        }
        return applied;
    }

    private static async Task<int> CurrentVersionAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT COALESCE(MAX(version), 0) FROM schema_migrations";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
