using System.Globalization;
using Runbooks.Actions.Audit;

namespace Runbooks.Cli.Reports;

/// <summary>The text of a report's cells, shared by every format so a value reads the same in each.</summary>
internal static class ReportCells
{
    /// <summary>A value as text: strings as they are, lists as <c>[a, b]</c>, maps as <c>{k: v}</c>.</summary>
    public static string Value(object? value) => value is null ? "" : AuditValues.Show(value);

    public static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture) + " UTC";

    public static string Result(AuditFinding finding) => finding.Result switch
    {
        AuditReport.Pass => "pass",
        AuditReport.Fail => "FAIL",
        _ => "ERROR",
    };

    /// <summary>The expected column: the criterion, or for an error the reason there is no verdict.</summary>
    public static string Expected(AuditFinding finding) => finding.Error is null ? finding.Criterion : "";

    /// <summary>The actual column: the value judged, or for an error why there is none.</summary>
    public static string Actual(AuditFinding finding) => finding.Error ?? Value(finding.Actual);

    /// <summary>One line: "NOT COMPLIANT: 3 of 24 checks failed on 2 of 4 hosts (high 2, medium 1)".</summary>
    public static string Verdict(AuditReport report)
    {
        var totals = report.Totals;
        if (totals.Checks == 0)
        {
            return "NO FINDINGS: the run recorded no audit.check results";
        }
        var bySeverity = string.Join(", ", totals.FailedBySeverity.Where(kv => kv.Value > 0).Select(kv => $"{kv.Key} {kv.Value}"));
        var parts = new List<string>();
        if (totals.Failed > 0)
        {
            parts.Add($"{totals.Failed} of {totals.Checks} checks failed on {totals.FailingHosts} of {totals.Hosts} hosts"
                + (bySeverity.Length > 0 ? $" ({bySeverity})" : "")
                + (totals.Errors > 0 ? $", {totals.Errors} could not be judged" : ""));
        }
        if (totals.HostsWithoutFindings > 0)
        {
            parts.Add($"{totals.HostsWithoutFindings} of {totals.Hosts} hosts recorded no findings");
        }
        return report.Compliant
            ? $"COMPLIANT: all {totals.Checks} checks passed on {totals.Hosts} hosts"
            : "NOT COMPLIANT: " + string.Join("; ", parts);
    }
}
