using Prometheus;
using Runbooks.Storage;

namespace Runbooks.Server.Http;

/// <summary>
/// <c>/metrics</c> for Prometheus. Journal counts (runs by runbook, status and trigger kind; queued runs per queue) are
/// read from the journal at each scrape, so every server of a fleet reports the same truth; counters of this process
/// (HTTP requests) come from prometheus-net.
/// </summary>
internal sealed class ServerMetrics
{
    private readonly Gauge _runs;
    private readonly Gauge _queued;

    public ServerMetrics(CollectorRegistry registry, JournalStore store)
    {
        var factory = Metrics.WithCustomRegistry(registry);
        _runs = factory.CreateGauge("runbooks_runs", "Runs in the journal by runbook, status and trigger kind (cli, api, schedule, alert)", "runbook", "status", "trigger");
        _queued = factory.CreateGauge("runbooks_queue_depth", "Runs waiting for a worker, per queue", "queue");
        registry.AddBeforeCollectCallback(async cancellationToken =>
        {
            var counts = await store.CountRunsAsync(cancellationToken).ConfigureAwait(false);
            foreach (var ((runbook, status, trigger), count) in counts.Runs)
            {
                _runs.WithLabels(runbook, status, trigger).Set(count);
            }
            foreach (var queue in RunQueues.All)
            {
                _queued.WithLabels(queue).Set(counts.Queued.GetValueOrDefault(queue));
            }
        });
    }
}
