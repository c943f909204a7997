namespace Runbooks.Cli.Reports;

/// <summary>One target of the run and its findings, failures first (by severity, then in run order).</summary>
/// <param name="Target">The host name (or <c>local</c>).</param>
/// <param name="Findings">Its findings; empty when none was recorded there.</param>
internal sealed record AuditHost(string Target, IReadOnlyList<AuditFinding> Findings)
{
    public int Passed => Findings.Count(f => f.Passed);

    public int Failed => Findings.Count - Passed;

    /// <summary><c>failing</c>, <c>no findings</c> (a target where no check ran: it counts against compliance) or <c>compliant</c>.</summary>
    public string Status => Findings.Count == 0 ? "no findings" : Failed > 0 ? "failing" : "compliant";
}
