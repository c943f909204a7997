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

    public ServerMetrics(CollectorRegistry registry, JournalStore store, Storage.Alerts.AlertStore alerts)
    {
        var factory = Metrics.WithCustomRegistry(registry);
        _runs = factory.CreateGauge("runbooks_runs", "Runs in the journal by runbook, status and trigger kind (cli, api, schedule, alert)", "runbook", "status", "trigger");
        _queued = factory.CreateGauge("runbooks_queue_depth", "Runs waiting for a worker, per queue", "queue");
        var received = factory.CreateGauge("runbooks_alerts_received", "Alerts received (each alert of each notification)");
        var decisions = factory.CreateGauge("runbooks_alert_decisions", "Alert decisions by kind: started, and every reason an alert was suppressed (duplicate, cooldown, breakerOpen, needsHuman, outsideWindow, rejected …)", "kind");
        var breakers = factory.CreateGauge("runbooks_breakers_open", "Circuit breakers open now (automatic runs stopped until a person resets them)");
        var needsHuman = factory.CreateGauge("runbooks_targets_needs_human", "Targets marked needs-human now");
        registry.AddBeforeCollectCallback(async cancellationToken =>
        {
            received.Set(await alerts.Queries.CountAlertsAsync(null, cancellationToken).ConfigureAwait(false));
            foreach (var (kind, count) in await alerts.Queries.CountDecisionsAsync(null, cancellationToken).ConfigureAwait(false))
            {
                decisions.WithLabels(Core.Alerts.AlertDecisionKinds.Text(kind)).Set(count);
            }
            breakers.Set((await alerts.Queries.ListBreakersAsync(false, cancellationToken).ConfigureAwait(false)).Count);
            needsHuman.Set((await alerts.Queries.ListNeedsHumanAsync(false, cancellationToken).ConfigureAwait(false)).Count);
        });
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
