using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;

namespace Runbooks.Server;

/// <summary>
/// Hangfire's storage for the journal's provider: in memory beside SQLite (one process; the journal, not the queue,
/// is what survives a restart), PostgreSQL beside PostgreSQL (every worker shares the queue). On PostgreSQL, long
/// polling is on — a job starts as soon as it is enqueued instead of at the next 15 s poll — and the invisibility
/// timeout slides, so a long run keeps its job while its worker lives.
/// </summary>
public static class HangfireStorageFactory
{
    /// <summary>The storage for <paramref name="provider"/> (<c>sqlite</c> or <c>postgresql</c>).</summary>
    public static JobStorage Create(string provider, string? postgreSqlConnectionString, WorkerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (provider != "postgresql")
        {
            return new InMemoryStorage(new InMemoryStorageOptions { IdType = InMemoryStorageIdType.Long });
        }
        ArgumentException.ThrowIfNullOrEmpty(postgreSqlConnectionString);
        var storageOptions = new PostgreSqlStorageOptions
        {
            SchemaName = options.HangfireSchema,
            EnableLongPolling = true,
            UseSlidingInvisibilityTimeout = true,
            InvisibilityTimeout = options.InvisibilityTimeout,
            PrepareSchemaIfNecessary = true,
        };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(postgreSqlConnectionString, storageOptions, null), storageOptions);
    }
}
