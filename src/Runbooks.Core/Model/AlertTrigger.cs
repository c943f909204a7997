namespace Runbooks.Core.Model;

/// <summary>
/// <c>triggers: - alert:</c> — start the runbook when an incoming alert (Alertmanager, or a JSON webhook mapped to
/// labels) matches: every label matcher holds and, when given, the alert's <c>severity</c> label is one of
/// <see cref="Severity"/>. The run's parameters come from <see cref="Params"/>, templates that read only
/// <c>alert.*</c>; what an alert carries is data and is never rendered as a template. Loop protection: a run for the
/// same alert that is still active or ended less than <see cref="Cooldown"/> ago suppresses a new one, and
/// <see cref="MaxRuns"/> trips a breaker that stops automatic runs and asks a human (docs/alerts.md).
/// </summary>
public sealed record AlertTrigger : TriggerDefinition
{
    /// <summary>The cooldown when <c>cooldown:</c> is not given.</summary>
    public static readonly TimeSpan DefaultCooldown = TimeSpan.FromMinutes(5);

    /// <inheritdoc />
    public override string Kind => "alert";

    /// <summary>The label matchers, in the order written; all must hold.</summary>
    public required IReadOnlyList<AlertTriggerMatcher> Match { get; init; }

    /// <summary>The severities accepted (the alert's <c>severity</c> label), or null for any.</summary>
    public IReadOnlyList<string>? Severity { get; init; }

    /// <summary>Parameter values by name: templates over <c>alert.*</c>, or literals.</summary>
    public IReadOnlyList<KeyValuePair<string, TemplateValue>> Params { get; init; } = [];

    /// <summary>After a run for the alert ends, new firings are suppressed this long (default 5 min; 0 turns it off).</summary>
    public TimeSpan Cooldown { get; init; } = DefaultCooldown;

    /// <summary>The circuit breaker (default 3 runs per hour).</summary>
    public AlertTriggerLimit MaxRuns { get; init; } = AlertTriggerLimit.Default;

    /// <summary>A step id whose failure makes the run a failed remediation, or null (then only the run's status counts).</summary>
    public string? Verify { get; init; }

    /// <summary>Where <see cref="Verify"/> is written.</summary>
    public Diagnostics.SourceSpan VerifySpan { get; init; }

    /// <summary>A maintenance window automatic runs must fall in, or null for any time.</summary>
    public string? Window { get; init; }

    /// <summary>False keeps the trigger in the runbook but never matches it.</summary>
    public bool Enabled { get; init; } = true;
}
