namespace Runbooks.Core.Alerts;

/// <summary>
/// What Runbooks decided about an alert, stored with a reason for every alert received (docs/alerts.md lists the
/// reason texts). Stored and shown in camelCase (<c>breakerOpen</c>).
/// </summary>
public enum AlertDecisionKind
{
    /// <summary>A trigger matched the alert; one of the decisions below follows for the same runbook.</summary>
    Matched,

    /// <summary>A run was queued (on <c>remediation</c>); the decision carries its id.</summary>
    Started,

    /// <summary>No run: this firing already has one (a repeated notification), or a run for the alert is still active.</summary>
    Duplicate,

    /// <summary>No run: a run for the alert ended less than the trigger's cooldown ago.</summary>
    Cooldown,

    /// <summary>No run: the breaker for the alert or its target is open (it tripped now or earlier and was not reset).</summary>
    BreakerOpen,

    /// <summary>No run: a target is marked as needing a human (a breaker tripped on it) and was not reset.</summary>
    NeedsHuman,

    /// <summary>No run: outside the trigger's maintenance window, or a freeze is in force.</summary>
    OutsideWindow,

    /// <summary>No run: the alert broke a limit, its values do not fit the parameters, or its targets are not in the inventory.</summary>
    Rejected,

    /// <summary>The alert resolved; runs still queued for it were cancelled (the decision lists them).</summary>
    Resolved,

    /// <summary>No trigger of any runbook matches the alert.</summary>
    NoMatch,
}
