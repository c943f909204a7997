using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Runbooks.Server.PostgreSqlQueue;

namespace Runbooks.Server;

/// <summary>
/// Hangfire's storage for the journal's provider: in memory beside SQLite (one process; the journal, not the queue,
/// is what survives a restart), PostgreSQL beside PostgreSQL (every worker shares the queue). On PostgreSQL a job
/// starts as soon as it is enqueued, not at the next 15 s poll: its NOTIFY wakes the workers, which fetch Runbooks'
/// queues through <see cref="RunJobQueue"/> (one listening connection per process; see there why not Hangfire's own
/// long polling, which stays on for any other client). The invisibility timeout slides, so a long run keeps its job
/// while its worker lives.
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
        var (storage, storageOptions) = StockPostgreSql(postgreSqlConnectionString, options, queuePollInterval);
        RunJobQueueProvider.Register(storage, storageOptions, postgreSqlConnectionString!);
        return storage;
    }

    /// <summary>
    /// Hangfire.PostgreSql with Runbooks' storage options but its own job queue, not <see cref="RunJobQueue"/>: what
    /// bench/durable compares Runbooks against.
    /// </summary>
    public static PostgreSqlStorage CreateStockPostgreSql(string? postgreSqlConnectionString, WorkerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return StockPostgreSql(postgreSqlConnectionString, options, null).Storage;
    }

    private static (PostgreSqlStorage Storage, PostgreSqlStorageOptions Options) StockPostgreSql(string? connectionString, WorkerOptions options,
        TimeSpan? queuePollInterval)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        var storageOptions = PostgreSqlOptions(options);
        if (queuePollInterval is { } poll)
        {
            storageOptions.QueuePollInterval = poll;
        }
        return (new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, storageOptions, null), storageOptions), storageOptions);
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
