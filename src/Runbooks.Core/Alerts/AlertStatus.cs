namespace Runbooks.Core.Alerts;

/// <summary>Whether an alert is firing or has resolved, as Alertmanager says it.</summary>
public enum AlertStatus
{
    /// <summary>The condition holds: matching triggers may start runs.</summary>
    Firing,

    /// <summary>The condition is gone: runs still queued for the alert are cancelled.</summary>
    Resolved,
}
