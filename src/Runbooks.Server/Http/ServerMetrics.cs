using Prometheus;
using Runbooks.Storage;

namespace Runbooks.Server.Http;

/// <summary>
/// <c>/metrics</c> for Prometheus. Journal counts (runs by runbook, status and trigger kind; queued runs per queue) are
/// read from the journal at each scrape, so every server of a fleet reports the same truth; counters of this process
/// (HTTP requests) come from prometheus-net. Step durations are a histogram of the step attempts that ended since this
/// server started, read from the journal at each scrape (so a step on any worker is counted).
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
        var steps = factory.CreateHistogram("runbooks_step_duration_seconds", "Step attempts that ended (on any worker of this journal) since this server started, by runbook, action and status",
            new HistogramConfiguration
            {
                LabelNames = ["runbook", "action", "status"],
                Buckets = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1800],
            });
        var watermark = DateTimeOffset.UtcNow;
        var stepsGate = new SemaphoreSlim(1, 1);
        registry.AddBeforeCollectCallback(async cancellationToken =>
        {
            // The journal is the source: read what ended since the last scrape, so every step of every worker is counted once here.
            await stepsGate.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                IReadOnlyList<StepDuration> ended;
                do
                {
                    ended = await store.StepDurationsAsync(watermark, 5000, cancellationToken).ConfigureAwait(false);
                    foreach (var step in ended)
                    {
                        steps.WithLabels(step.Runbook, step.Action, step.Status).Observe(step.Seconds);
                        watermark = step.EndedAt;
                    }
                }
                while (ended.Count == 5000);
            }
            finally
            {
                stepsGate.Release();
            }
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
