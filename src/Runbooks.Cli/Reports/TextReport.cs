namespace Runbooks.Cli.Reports;

/// <summary><c>runbooks report</c> for a terminal: a header, then one aligned table per host, failing hosts first.</summary>
internal static class TextReport
{
    public static void Write(AuditReport report, TextWriter output)
    {
        var run = report.Run;
        output.WriteLine($"Compliance report of run {run.RunId}: {run.Runbook}, {run.Status}{(run.DryRun ? " (dry-run)" : "")}");
        output.WriteLine($"  runbook   sha256 {run.ContentHash}");
        output.WriteLine($"  started   {ReportCells.Instant(run.StartedAt)} by {run.Trigger}");
        output.WriteLine($"  targets   {string.Join(", ", run.Targets)}");
        output.WriteLine($"  result    {ReportCells.Verdict(report)}");
        if (report.Totals.Checks == 0)
        {
            output.WriteLine();
            output.WriteLine(NoFindings(report));
            return;
        }
        var t = report.Totals;
        output.WriteLine($"  totals    {t.Checks} checks, {t.Passed} passed, {t.Failed} failed"
            + $" ({string.Join(", ", t.FailedBySeverity.Select(kv => $"{kv.Key} {kv.Value}"))}{(t.Errors > 0 ? $", could not be judged {t.Errors}" : "")})");
        foreach (var host in report.Hosts)
        {
            output.WriteLine();
            if (host.Findings.Count == 0)
            {
                output.WriteLine($"{host.Target}: no findings recorded (no audit.check ran there: see runbooks runs show {run.RunId})");
                continue;
            }
            output.WriteLine($"{host.Target}: {host.Status}, {host.Failed} failed, {host.Passed} passed");
            Table(output, ["RESULT", "SEVERITY", "CHECK", "ACTUAL", "EXPECTED", "REMEDIATION"], host.Findings.Select(f => new[]
            {
                ReportCells.Result(f), f.Severity ?? "", OneLine(f.Check), OneLine(ReportCells.Actual(f)), OneLine(ReportCells.Expected(f)),
                f.Passed ? "" : OneLine(f.Remediation ?? ""),
            }));
        }
    }

    /// <summary>What a run without findings says, in every format.</summary>
    public static string NoFindings(AuditReport report) =>
        $"Run {report.Run.RunId} of {report.Run.Runbook} recorded no audit findings: it has no audit.check steps, or none of them ran "
        + $"({(report.Run.DryRun ? "it was a dry-run" : "skipped, or the run stopped before them")}). runbooks runs show {report.Run.RunId} shows what ran.";

    // A cell is one line: a newline in a value (a command's output) would break the table.
    private static string OneLine(string text) => text.Replace("\r\n", " ⏎ ", StringComparison.Ordinal).Replace("\n", " ⏎ ", StringComparison.Ordinal);

    private static void Table(TextWriter output, string[] header, IEnumerable<string[]> rows)
    {
        var all = rows.Prepend(header).ToList();
        var widths = header.Select((_, i) => all.Max(r => r[i].Length)).ToArray();
        foreach (var row in all)
        {
            output.WriteLine(("  " + string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i])))).TrimEnd());
        }
    }
}
