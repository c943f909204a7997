using Hangfire.PostgreSql;
using Hangfire.Server;
using Npgsql;
using Serilog;

namespace Runbooks.Server.PostgreSqlQueue;

/// <summary>
/// Puts <see cref="RunJobQueue"/> under Runbooks' queues in a Hangfire.PostgreSql storage (its documented extension
/// point, <see cref="PostgreSqlStorage.QueueProviders"/>). Jobs and queue rows stay in Hangfire.PostgreSql's tables, so
/// its dashboard, monitoring and any older worker see the same queue.
/// </summary>
internal sealed class RunJobQueueProvider : IPersistentJobQueueProvider
{
    private readonly RunJobQueue _queue;
    private readonly IPersistentJobQueueMonitoringApi _monitoring;
    private readonly string _listenConnectionString;

    private RunJobQueueProvider(PostgreSqlStorage storage, PostgreSqlStorageOptions options, string connectionString, IPersistentJobQueueProvider stock)
    {
        // The fetch leaves nothing behind on its connection (one autocommit statement): no DISCARD ALL when it goes back
        // to the pool. The listener's connection is its own and closes for real, its LISTEN with it.
        var fetch = new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true, Enlist = false };
        // Short timeouts: connecting and the probe do not watch the server's stop, and must not hold up a shutdown.
        _listenConnectionString = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false, Enlist = false, Timeout = 5, CommandTimeout = 5, TcpKeepAlive = true,
        }.ConnectionString;
        _queue = new RunJobQueue(storage, options, fetch.ConnectionString, Notifications);
        _monitoring = new UnlistedQueueMonitoring(stock.GetJobQueueMonitoringApi());
    }

    /// <summary>What this process's waiting workers wait on.</summary>
    public JobNotifications Notifications { get; } = new();

    /// <summary>Registers the queue for every Hangfire queue of Runbooks' runs in <paramref name="storage"/>.</summary>
    public static void Register(PostgreSqlStorage storage, PostgreSqlStorageOptions options, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(storage);
        // Any queue name without a provider of its own gets the stock one: that is where the monitoring comes from.
        var stock = storage.QueueProviders.GetProvider("\u0000");
        storage.QueueProviders.Add(new RunJobQueueProvider(storage, options, connectionString, stock), RunQueues.HangfireQueues(RunQueues.All));
    }

    /// <summary>The listener a worker process runs beside its Hangfire workers, or none when the storage is not PostgreSQL.</summary>
    public static IEnumerable<IBackgroundProcess> ListenerFor(Hangfire.JobStorage storage, ILogger log) =>
        storage is PostgreSqlStorage postgreSql && postgreSql.QueueProviders.OfType<RunJobQueueProvider>().FirstOrDefault() is { } provider
            ? [new JobNotificationListener(provider._listenConnectionString, provider.Notifications, log)]
            : [];

    public IPersistentJobQueue GetJobQueue() => _queue;

    public IPersistentJobQueueMonitoringApi GetJobQueueMonitoringApi() => _monitoring;
}
