namespace Runbooks.Server;

/// <summary>
/// The queues runs go to. Workers take from them in this order, so an alert's fix never waits behind a night of
/// maintenance: <c>remediation</c> (alert-triggered), <c>default</c> (manual, API), <c>maintenance</c> (schedules,
/// audits). In Hangfire they are named after their rank (<see cref="HangfireQueue"/>).
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

    /// <summary>
    /// The Hangfire queue a run of <paramref name="queue"/> is stored under: its name after its rank, <c>1-remediation</c>,
    /// <c>2-default</c>, <c>3-maintenance</c>. Hangfire.PostgreSql takes the oldest waiting job of whichever queue sorts
    /// first <em>by name</em>, whatever order a worker lists its queues in; under the plain names a remediation waited
    /// behind every default and maintenance job. Ranked, name order is priority order on every storage (Hangfire.InMemory
    /// takes the worker's queues in the order listed, which is the same).
    /// </summary>
    public static string HangfireQueue(string queue) => queue switch
    {
        Remediation => "1-" + Remediation,
        Default => "2-" + Default,
        Maintenance => "3-" + Maintenance,
        // Names are checked where runs are queued; one that slipped past keeps its plain name rather than stop the sweep.
        _ => queue,
    };

    /// <summary>
    /// The Hangfire queues a worker serving <paramref name="queues"/> fetches from: the ranked names, then the plain
    /// names under which jobs queued by versions before the ranking may still wait (served after the ranked ones).
    /// </summary>
    public static string[] HangfireQueues(IEnumerable<string> queues)
    {
        ArgumentNullException.ThrowIfNull(queues);
        var served = All.Where(queues.Contains).ToList();
        return [.. served.Select(HangfireQueue), .. served];
    }

    /// <summary>Null when <paramref name="queue"/> is a queue; else what is wrong and what is allowed.</summary>
    public static string? Check(string queue) =>
        All.Contains(queue, StringComparer.Ordinal) ? null : $"unknown queue '{queue}'; the queues are {string.Join(", ", All)}";
}
