namespace Runbooks.Storage.Alerts;

/// <summary>How an alert-triggered run ended, as <see cref="AlertStore.RunEndedAsync"/> judged it.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Runbook">Its runbook.</param>
/// <param name="Fingerprint">The alert it remediated.</param>
/// <param name="Outcome"><c>succeeded</c>, <c>failed</c> (the run failed, or its verify step did) or <c>cancelled</c>.</param>
/// <param name="Reason">Why it counts so.</param>
/// <param name="Escalated">Whether this call wrote an escalation (a failed remediation, judged for the first time).</param>
public sealed record AlertRunOutcome(string RunId, string Runbook, string Fingerprint, string Outcome, string Reason, bool Escalated);
