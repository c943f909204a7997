using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Runbooks.Server.PostgreSqlQueue;

namespace Runbooks.Server;

/// <summary>
/// Hangfire's storage for the journal's provider: in memory beside SQLite (one process; the journal, not the queue,
/// is what survives a restart), PostgreSQL beside PostgreSQL (every worker shares the queue). On PostgreSQL, long
/// polling is on — a job starts as soon as it is enqueued instead of at the next 15 s poll — and the invisibility
/// timeout slides, so a long run keeps its job while its worker lives. Runbooks' queues are fetched by
/// <see cref="RunJobQueue"/> (one listening connection per process instead of one per fetch; see there why).
/// </summary>
public static class HangfireStorageFactory
{
    /// <summary>The storage for <paramref name="provider"/> (<c>sqlite</c> or <c>postgresql</c>).</summary>
    public static JobStorage Create(string provider, string? postgreSqlConnectionString, WorkerOptions options) =>
        Create(provider, postgreSqlConnectionString, options, null);

    /// <summary>As above; tests set how long an idle worker sleeps between fetches when no notification wakes it.</summary>
    internal static JobStorage Create(string provider, string? postgreSqlConnectionString, WorkerOptions options, TimeSpan? queuePollInterval)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (provider != "postgresql")
        {
            return new InMemoryStorage(new InMemoryStorageOptions { IdType = InMemoryStorageIdType.Long });
        }
        ArgumentException.ThrowIfNullOrEmpty(postgreSqlConnectionString);
        var storageOptions = PostgreSqlOptions(options);
        if (queuePollInterval is { } poll)
        {
            storageOptions.QueuePollInterval = poll;
        }
        var storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(postgreSqlConnectionString, storageOptions, null), storageOptions);
        RunJobQueueProvider.Register(storage, storageOptions, postgreSqlConnectionString);
        return storage;
    }

    /// <summary>
    /// Hangfire.PostgreSql with Runbooks' storage options but its own job queue, not <see cref="RunJobQueue"/>: what
    /// bench/durable compares Runbooks against.
    /// </summary>
    public static PostgreSqlStorage CreateStockPostgreSql(string? postgreSqlConnectionString, WorkerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(postgreSqlConnectionString);
        var storageOptions = PostgreSqlOptions(options);
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(postgreSqlConnectionString, storageOptions, null), storageOptions);
    }

    private static PostgreSqlStorageOptions PostgreSqlOptions(WorkerOptions options) =>
        new()
        {
            SchemaName = options.HangfireSchema,
            EnableLongPolling = true,
            UseSlidingInvisibilityTimeout = true,
            InvisibilityTimeout = options.InvisibilityTimeout,
            PrepareSchemaIfNecessary = true,
        };
}
