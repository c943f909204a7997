namespace Runbooks.Core.Alerts;

/// <summary>One decision about one alert, with its reason; every alert received gets at least one.</summary>
/// <param name="Kind">What was decided.</param>
/// <param name="Reason">Why, in one sentence for an operator (docs/alerts.md lists the forms).</param>
/// <param name="At">When it was decided.</param>
public sealed record AlertDecision(AlertDecisionKind Kind, string Reason, DateTimeOffset At)
{
    /// <summary>The runbook whose trigger the decision is about, or null (noMatch, rejected by a limit, resolved).</summary>
    public string? Runbook { get; init; }

    /// <summary>The trigger's id, or null.</summary>
    public string? TriggerId { get; init; }

    /// <summary>The run started (<see cref="AlertDecisionKind.Started"/>), the run it duplicates or cools down after, or null.</summary>
    public string? RunId { get; init; }

    /// <summary>The targets the run has or would have had; empty when not known.</summary>
    public IReadOnlyList<string> Targets { get; init; } = [];

    /// <summary>The kind as stored and shown (<c>breakerOpen</c>).</summary>
    public string KindText => AlertDecisionKinds.Text(Kind);
}
