namespace Runbooks.Core.Model;

/// <summary>
/// What happens to fire times that passed while no scheduler was running (downtime, a deploy), decided when the
/// scheduler comes back (<c>misfire:</c>).
/// </summary>
public enum MisfirePolicy
{
    /// <summary>
    /// <c>runOnce</c> (the default): however many fire times were missed, the runbook runs once, now, for the latest
    /// of them. Right for audits and clean-ups, where one late run catches up on all.
    /// </summary>
    RunOnce,

    /// <summary>
    /// <c>skip</c>: missed fire times are dropped (and logged); the next regular fire time runs. Right for work that
    /// only makes sense at its hour, such as patching inside a night window.
    /// </summary>
    Skip,
}
