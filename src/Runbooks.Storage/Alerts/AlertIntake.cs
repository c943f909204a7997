using Runbooks.Core;
using Runbooks.Core.Alerts;
using Runbooks.Core.Model;
using Serilog;

namespace Runbooks.Storage.Alerts;

/// <summary>
/// Alert intake, from a webhook body to committed decisions: parse (Alertmanager v4, or the mapped JSON webhook),
/// match and bind every alert against the runbooks' alert triggers (<see cref="AlertPlanner"/>), then decide and queue
/// in the journal (<see cref="AlertStore"/>). Returns only once everything is committed, so the caller answers 202 after
/// it; a storage failure throws <see cref="RunbooksException"/> (answer 5xx: Alertmanager retries, and a retry starts no
/// second run). A body that cannot be read throws <see cref="AlertPayloadException"/> (answer 400). Thread-safe.
/// </summary>
public sealed class AlertIntake
{
    private readonly AlertStore _store;
    private readonly AlertPlanner _planner;
    private readonly Func<IEnumerable<RunbookDefinition>> _runbooks;
    private readonly AlertIntakeOptions _options;
    private readonly ILogger _log;

    /// <summary>
    /// Intake over <paramref name="store"/>, binding with <paramref name="planner"/>; <paramref name="runbooks"/> gives the
    /// runbooks loaded now (read once per notification, so a saved runbook applies from the next one).
    /// </summary>
    public AlertIntake(AlertStore store, AlertPlanner planner, Func<IEnumerable<RunbookDefinition>> runbooks, AlertIntakeOptions options, ILogger? log = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(planner);
        ArgumentNullException.ThrowIfNull(runbooks);
        ArgumentNullException.ThrowIfNull(options);
        (_store, _planner, _runbooks, _options, _log) = (store, planner, runbooks, options, log ?? Serilog.Log.Logger);
    }

    /// <summary>An Alertmanager webhook body (<c>POST /api/v1/alerts/alertmanager</c>).</summary>
    public Task<AlertIntakeResult> ReceiveAlertmanagerAsync(string body, CancellationToken cancellationToken) =>
        ReceiveAsync(AlertmanagerPayload.Parse(body, _options.Limits, _store.Time.GetUtcNow()), cancellationToken);

    /// <summary>A generic JSON webhook body (<c>POST /api/v1/alerts/webhook</c>); refused when <c>Runbooks:Alerts:Webhook</c> is not configured.</summary>
    public Task<AlertIntakeResult> ReceiveWebhookAsync(string body, CancellationToken cancellationToken)
    {
        var mapping = _options.Webhook
            ?? throw new AlertPayloadException("the generic webhook is not configured: map its JSON to labels under Runbooks:Alerts:Webhook:Labels (at least alertname); see docs/alerts.md");
        return ReceiveAsync(WebhookPayload.Parse(body, mapping, _options.Limits, _store.Time.GetUtcNow()), cancellationToken);
    }

    /// <summary>A notification already parsed.</summary>
    public async Task<AlertIntakeResult> ReceiveAsync(AlertNotification notification, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var runbooks = _runbooks().ToList();
        var triggers = runbooks.Sum(r => r.Triggers.OfType<AlertTrigger>().Count(t => t.Enabled));
        var now = _store.Time.GetUtcNow();
        var context = new AlertRecordContext(now, _options.Queue, _options.QueueGrace, _options.EscalationChannels, triggers, runbooks.Count, notification.GroupKey);
        // Every alert of the notification is decided at once: they share group commits, and each is atomic on its own.
        var stored = await Task.WhenAll(notification.Alerts.Select(received =>
        {
            var candidates = received.Problem is null && received.Alert.Status == AlertStatus.Firing
                ? _planner.Plan(received.Alert, runbooks, now, cancellationToken)
                : [];
            return _store.RecordAsync(received, candidates, context, cancellationToken);
        })).ConfigureAwait(false);
        foreach (var alert in stored)
        {
            Log(alert);
        }
        return new AlertIntakeResult(stored, _options.Queue);
    }

    /// <summary>
    /// <see cref="AlertStore.RunEndedAsync"/> with the configured escalation channels: call it from the worker when any
    /// run ends; a failed remediation is logged and escalated once. Null for runs no alert started.
    /// </summary>
    public async Task<AlertRunOutcome?> RunEndedAsync(string runId, CancellationToken cancellationToken)
    {
        var outcome = await _store.RunEndedAsync(runId, _options.EscalationChannels, cancellationToken).ConfigureAwait(false);
        if (outcome is { Outcome: "failed" })
        {
            _log.ForContext("RunId", runId).ForContext("Runbook", outcome.Runbook)
                .Warning("Remediation {RunId} of {Runbook} for alert {Fingerprint} failed: {Reason}", runId, outcome.Runbook, outcome.Fingerprint, outcome.Reason);
        }
        return outcome;
    }

    private void Log(StoredAlert alert)
    {
        foreach (var decision in alert.Decisions.Where(d => d.Kind != AlertDecisionKind.Matched))
        {
            // Suppressions of a storm are many and expected: Debug. What changed something, or needs a person: Information or Warning.
            var level = decision.Kind switch
            {
                AlertDecisionKind.Started or AlertDecisionKind.Resolved => Serilog.Events.LogEventLevel.Information,
                AlertDecisionKind.BreakerOpen or AlertDecisionKind.NeedsHuman or AlertDecisionKind.Rejected => Serilog.Events.LogEventLevel.Warning,
                _ => Serilog.Events.LogEventLevel.Debug,
            };
            _log.ForContext("Runbook", decision.Runbook).ForContext("RunId", decision.RunId)
                .Write(level, "Alert {AlertName} {Fingerprint}: {Decision} {Runbook}: {Reason}", alert.Alert.Name, alert.Alert.Fingerprint, decision.KindText, decision.Runbook ?? "-", decision.Reason);
        }
    }
}
