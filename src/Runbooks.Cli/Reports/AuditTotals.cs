namespace Runbooks.Cli.Reports;

/// <summary>What the report adds up: hosts, checks, and failures by severity.</summary>
internal sealed record AuditTotals
{
    public required int Hosts { get; init; }

    public required int FailingHosts { get; init; }

    public required int HostsWithoutFindings { get; init; }

    public required int Checks { get; init; }

    public required int Passed { get; init; }

    public required int Failed { get; init; }

    /// <summary>Checks that could not be judged (counted in <see cref="Failed"/>).</summary>
    public required int Errors { get; init; }

    /// <summary>Failed checks per severity, every severity present (critical first), zero included.</summary>
    public required IReadOnlyDictionary<string, int> FailedBySeverity { get; init; }
}
