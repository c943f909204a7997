using Runbooks.Cli.Output;

namespace Runbooks.Cli.Reports;

/// <summary><c>runbooks report --format json</c>: the whole report as one document (values keep their types).</summary>
internal static class JsonReport
{
    public static void Write(AuditReport report, TextWriter output)
    {
        var run = report.Run;
        output.WriteLine(Json.Write(new
        {
            run = new { run.RunId, run.Runbook, run.ContentHash, run.Trigger, run.Status, run.DryRun, run.StartedAt, run.EndedAt, run.Targets },
            compliant = report.Compliant,
            verdict = ReportCells.Verdict(report),
            totals = report.Totals,
            hosts = report.Hosts.Select(h => new
            {
                target = h.Target,
                status = h.Status,
                passed = h.Passed,
                failed = h.Failed,
                findings = h.Findings.Select(f => new
                {
                    f.Check, f.Result, f.Severity, f.Actual, f.Expected, f.Operator, f.Criterion, f.Remediation, f.Error, f.StepPath, f.RunId,
                }),
            }),
        }));
    }
}
