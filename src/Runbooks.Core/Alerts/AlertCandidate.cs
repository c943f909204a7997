using Runbooks.Core.Engine;
using Runbooks.Core.Model;

namespace Runbooks.Core.Alerts;

/// <summary>
/// A trigger that matched an alert, as <see cref="AlertPlanner"/> left it: either refused already
/// (<see cref="Verdict"/> is <see cref="AlertDecisionKind.Rejected"/> or <see cref="AlertDecisionKind.OutsideWindow"/>,
/// with <see cref="Reason"/>), or ready to start — the request bound, parameters checked, targets resolved — subject to
/// what the journal knows (duplicates, cooldown, breaker), which the store decides under its lock.
/// </summary>
public sealed record AlertCandidate
{
    /// <summary>The runbook whose trigger matched.</summary>
    public required RunbookDefinition Runbook { get; init; }

    /// <summary>The trigger that matched.</summary>
    public required AlertTrigger Trigger { get; init; }

    /// <summary>Null when the run may start; otherwise why not.</summary>
    public AlertDecisionKind? Verdict { get; init; }

    /// <summary>The reason of <see cref="Verdict"/>, or null.</summary>
    public string? Reason { get; init; }

    /// <summary>The bound request (parameters from the alert, the <c>alert</c> variable), or null when refused.</summary>
    public RunRequest? Request { get; init; }

    /// <summary>Parameters as the journal stores them (after defaults, secrets masked).</summary>
    public IReadOnlyDictionary<string, object?> Parameters { get; init; } = new Dictionary<string, object?>();

    /// <summary>
    /// The resolved hosts; empty for a local run. The per-target breaker and needs-human marks apply to these hosts; a
    /// local run (on the Runbooks machine, usually calling an API) has only the per-alert breaker.
    /// </summary>
    public IReadOnlyList<string> Targets { get; init; } = [];

}
