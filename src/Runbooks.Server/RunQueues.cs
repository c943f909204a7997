namespace Runbooks.Server;

/// <summary>
/// The Hangfire queues runs go to. Workers take from them in this order, so an alert's fix never waits behind a
/// night of maintenance: <c>remediation</c> (alert-triggered), <c>default</c> (manual, API), <c>maintenance</c>
/// (schedules, audits).
/// </summary>
public static class RunQueues
{
    /// <summary>Alert-triggered remediation: served first.</summary>
    public const string Remediation = "remediation";

    /// <summary>Manual and API runs.</summary>
    public const string Default = "default";

    /// <summary>Scheduled maintenance and audits: served last.</summary>
    public const string Maintenance = "maintenance";

    /// <summary>Every queue, in the order workers serve them.</summary>
    public static readonly IReadOnlyList<string> All = [Remediation, Default, Maintenance];

    /// <summary>Null when <paramref name="queue"/> is a queue; else what is wrong and what is allowed.</summary>
    public static string? Check(string queue) =>
        All.Contains(queue, StringComparer.Ordinal) ? null : $"unknown queue '{queue}'; the queues are {string.Join(", ", All)}";
}
