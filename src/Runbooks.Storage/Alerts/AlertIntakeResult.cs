namespace Runbooks.Storage.Alerts;

/// <summary>
/// What one notification led to, all of it committed: answer 202 now, then create a Hangfire job on <see cref="Queue"/>
/// for each of <see cref="StartedRunIds"/> (the recovery sweep queues any the process could not), and wake the
/// escalation sender when <see cref="Escalated"/>.
/// </summary>
/// <param name="Alerts">Each alert with its decisions, in the order sent.</param>
/// <param name="Queue">The queue the started runs are on.</param>
public sealed record AlertIntakeResult(IReadOnlyList<StoredAlert> Alerts, string Queue)
{
    /// <summary>The runs queued, to enqueue after the answer.</summary>
    public IReadOnlyList<string> StartedRunIds => [.. Alerts.SelectMany(a => a.StartedRunIds)];

    /// <summary>Whether a breaker tripped (escalations wait in the outbox).</summary>
    public bool Escalated => Alerts.Any(a => a.Decisions.Any(d => d.Kind == Core.Alerts.AlertDecisionKind.BreakerOpen && d.Reason.Contains("the breaker tripped", StringComparison.Ordinal)));
}
