using System.Text;

namespace Runbooks.Cli.Reports;

/// <summary>
/// <c>runbooks report --format markdown</c>: a document to paste into a ticket or wiki. Cells escape <c>|</c> and turn
/// newlines into <c>&lt;br&gt;</c>, so a value from a host can never break a table or start a new row.
/// </summary>
internal static class MarkdownReport
{
    public static void Write(AuditReport report, TextWriter output)
    {
        var run = report.Run;
        var md = new StringBuilder();
        md.Append("# Compliance report: ").Append(Cell(run.Runbook)).Append("\n\n");
        md.Append("| | |\n|---|---|\n");
        Row(md, "run", $"`{run.RunId}`");
        Row(md, "runbook", $"{Cell(run.Runbook)} (sha256 `{run.ContentHash}`)");
        Row(md, "trigger", Cell(run.Trigger));
        Row(md, "started", ReportCells.Instant(run.StartedAt));
        Row(md, "status", Cell(run.Status) + (run.DryRun ? " (dry-run)" : ""));
        Row(md, "targets", Cell(string.Join(", ", run.Targets)));
        Row(md, "result", $"**{Cell(ReportCells.Verdict(report))}**");
        md.Append('\n');
        if (report.Totals.Checks == 0)
        {
            md.Append(Cell(TextReport.NoFindings(report))).Append('\n');
            output.Write(md.ToString());
            return;
        }
        var t = report.Totals;
        md.Append("## Totals\n\n| checks | passed | failed | ")
            .AppendJoin(" | ", t.FailedBySeverity.Keys).Append(" | could not be judged |\n|")
            .Append(string.Concat(Enumerable.Repeat("---:|", 4 + t.FailedBySeverity.Count))).Append('\n')
            .Append($"| {t.Checks} | {t.Passed} | {t.Failed} | ").AppendJoin(" | ", t.FailedBySeverity.Values).Append($" | {t.Errors} |\n");
        foreach (var host in report.Hosts)
        {
            md.Append("\n## ").Append(Cell(host.Target)).Append('\n').Append('\n');
            if (host.Findings.Count == 0)
            {
                md.Append("No findings recorded: no audit.check ran on this host.\n");
                continue;
            }
            md.Append($"{host.Status}: {host.Failed} failed, {host.Passed} passed\n\n");
            md.Append("| result | severity | check | actual | expected | remediation |\n|---|---|---|---|---|---|\n");
            foreach (var f in host.Findings)
            {
                md.Append("| ").Append(f.Passed ? "pass" : $"**{ReportCells.Result(f)}**")
                    .Append(" | ").Append(f.Severity ?? "")
                    .Append(" | ").Append(Cell(f.Check))
                    .Append(" | ").Append(Cell(ReportCells.Actual(f)))
                    .Append(" | ").Append(Cell(ReportCells.Expected(f)))
                    .Append(" | ").Append(f.Passed ? "" : Cell(f.Remediation ?? ""))
                    .Append(" |\n");
            }
        }
        output.Write(md.ToString());
    }

    /// <summary>Text safe inside a table cell: <c>|</c> escaped, line breaks as <c>&lt;br&gt;</c>.</summary>
    public static string Cell(string text) => text
        .Replace("|", "\\|", StringComparison.Ordinal)
        .Replace("\r\n", "<br>", StringComparison.Ordinal)
        .Replace("\n", "<br>", StringComparison.Ordinal)
        .Replace("\r", "<br>", StringComparison.Ordinal);

    private static void Row(StringBuilder md, string key, string value) => md.Append("| ").Append(key).Append(" | ").Append(value).Append(" |\n");
}
