namespace Runbooks.Storage.Keys;

/// <summary>
/// What an API key may do. Each role includes the ones before it: an operator may read, an approver may operate and
/// decide approval gates, an admin may do everything (keys, breaker resets, the Hangfire dashboard).
/// </summary>
public enum ApiRole
{
    /// <summary>Reads runbooks, runs, schedules, alerts, metrics.</summary>
    Viewer = 1,

    /// <summary>Also starts, cancels and resumes runs, saves runbooks, pauses schedules, posts alerts.</summary>
    Operator = 2,

    /// <summary>Also approves and rejects approval gates.</summary>
    Approver = 3,

    /// <summary>Also manages API keys, resets circuit breakers and opens the Hangfire dashboard.</summary>
    Admin = 4,
}
