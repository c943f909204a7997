namespace Runbooks.AlertBench.Scenarios;

/// <summary>How much each part does: the full run, or the <c>--quick</c> smoke run (under 2 minutes, nothing judged).</summary>
internal sealed record BenchSizes
{
    /// <summary>Single alerts sent one at a time (each waits for the run before it to end) before the measured ones: the server's cold start.</summary>
    public required int WarmUpAlerts { get; init; }

    /// <summary>Measured single alerts, one at a time.</summary>
    public required int SingleAlerts { get; init; }

    /// <summary>Alerts of the storm, each its own notification, distinct fingerprints.</summary>
    public required int StormAlerts { get; init; }

    /// <summary>Over how long the storm is sent, evenly paced.</summary>
    public required double StormSeconds { get; init; }

    /// <summary>Measured ansible-playbook runs (after one unmeasured warm-up run).</summary>
    public required int AnsibleRuns { get; init; }

    public static BenchSizes Full { get; } = new() { WarmUpAlerts = 40, SingleAlerts = 200, StormAlerts = 1000, StormSeconds = 10, AnsibleRuns = 20 };

    public static BenchSizes Quick { get; } = new() { WarmUpAlerts = 10, SingleAlerts = 20, StormAlerts = 100, StormSeconds = 2, AnsibleRuns = 3 };
}
