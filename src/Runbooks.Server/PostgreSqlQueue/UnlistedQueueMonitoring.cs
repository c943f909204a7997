using Hangfire.PostgreSql;

namespace Runbooks.Server.PostgreSqlQueue;

/// <summary>
/// Hangfire.PostgreSql's queue monitoring, minus the list of queues: the stock provider lists every queue of the
/// table already, and the dashboard shows each queue once per provider that lists it.
/// </summary>
internal sealed class UnlistedQueueMonitoring(IPersistentJobQueueMonitoringApi stock) : IPersistentJobQueueMonitoringApi
{
    public IEnumerable<string> GetQueues() => [];

    public IEnumerable<long> GetEnqueuedJobIds(string queue, int from, int perPage) => stock.GetEnqueuedJobIds(queue, from, perPage);

    public IEnumerable<long> GetFetchedJobIds(string queue, int from, int perPage) => stock.GetFetchedJobIds(queue, from, perPage);

    public EnqueuedAndFetchedCountDto GetEnqueuedAndFetchedCount(string queue) => stock.GetEnqueuedAndFetchedCount(queue);
}
