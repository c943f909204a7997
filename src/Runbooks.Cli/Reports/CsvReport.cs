using System.Text;

namespace Runbooks.Cli.Reports;

/// <summary>
/// <c>runbooks report --format csv</c>: one row per finding (and one per host without any), RFC 4180: CRLF between
/// records, a field holding a comma, quote, CR or LF is quoted and its quotes doubled.
/// </summary>
internal static class CsvReport
{
    private static readonly string[] Header =
        ["run", "runbook", "target", "check", "result", "severity", "actual", "expected", "operator", "remediation", "step", "error"];

    public static void Write(AuditReport report, TextWriter output)
    {
        var csv = new StringBuilder();
        Record(csv, Header);
        foreach (var host in report.Hosts)
        {
            if (host.Findings.Count == 0)
            {
                Record(csv, [report.Run.RunId, report.Run.Runbook, host.Target, "", "no findings", "", "", "", "", "", "", ""]);
            }
            foreach (var f in host.Findings)
            {
                Record(csv,
                [
                    f.RunId, report.Run.Runbook, f.Target, f.Check, f.Result, f.Severity ?? "", ReportCells.Value(f.Actual),
                    f.Error is null ? ReportCells.Value(f.Expected) : "", f.Operator ?? "", f.Remediation ?? "", f.StepPath, f.Error ?? "",
                ]);
            }
        }
        output.Write(csv.ToString());
    }

    /// <summary>A field as RFC 4180 wants it: as is, or quoted with inner quotes doubled.</summary>
    public static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") < 0 ? value : "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static void Record(StringBuilder csv, IEnumerable<string> fields) => csv.AppendJoin(',', fields.Select(Field)).Append("\r\n");
}
