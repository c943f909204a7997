using Runbooks.Actions.Audit;
using Runbooks.Storage;

namespace Runbooks.Cli.Reports;

/// <summary>
/// The compliance report of one run, built from its journal record (and those of the sub-runbook runs it started):
/// the last attempt of every <c>audit.check</c> step per host, hosts with failures first.
/// </summary>
internal sealed record AuditReport
{
    public const string Pass = "pass";
    public const string Fail = "fail";
    public const string Error = "error";

    /// <summary>Severities from worst to mildest: the order failures are listed and counted in.</summary>
    public static readonly IReadOnlyList<string> SeverityOrder = [.. AuditCheckAction.Severities.Reverse()];

    public required StoredRun Run { get; init; }

    /// <summary>Every target of the run (and any other a finding names), failing hosts first, then those without findings, then compliant ones; by name within each.</summary>
    public required IReadOnlyList<AuditHost> Hosts { get; init; }

    public required AuditTotals Totals { get; init; }

    /// <summary>Every check passed on every target, and every target has at least one.</summary>
    public bool Compliant => Totals.Checks > 0 && Totals.Failed == 0 && Totals.HostsWithoutFindings == 0;

    /// <summary>Builds the report of <paramref name="run"/>; <paramref name="children"/> are the records of the sub-runbook runs it started (any depth).</summary>
    public static AuditReport From(RunDocument run, IReadOnlyList<RunDocument> children)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(children);
        var findings = new List<AuditFinding>();
        var offset = 0;
        foreach (var document in children.Prepend(run))
        {
            // The attempts are in start order; the last attempt of a step on a target is its verdict (earlier ones were retried).
            var last = document.Attempts
                .Select((attempt, order) => (attempt, order))
                .Where(a => a.attempt.Action == AuditCheckAction.ActionName)
                .GroupBy(a => (a.attempt.Target, a.attempt.StepPath))
                .Select(g => g.MaxBy(a => a.attempt.Attempt));
            var first = offset;
            findings.AddRange([.. last.Select(a => ToFinding(document.Run.RunId, a.attempt, first + a.order))]);
            offset += document.Attempts.Count;
        }
        var hosts = run.Run.Targets.Concat(findings.Select(f => f.Target)).Distinct(StringComparer.Ordinal)
            .Select(target => new AuditHost(target, [.. findings.Where(f => f.Target == target).OrderBy(Rank).ThenBy(f => f.Order)]))
            .OrderBy(h => h.Status switch { "failing" => 0, "no findings" => 1, _ => 2 })
            .ThenBy(h => h.Target, StringComparer.Ordinal)
            .ToList();
        var failed = findings.Where(f => !f.Passed).ToList();
        return new AuditReport
        {
            Run = run.Run,
            Hosts = hosts,
            Totals = new AuditTotals
            {
                Hosts = hosts.Count,
                FailingHosts = hosts.Count(h => h.Failed > 0),
                HostsWithoutFindings = hosts.Count(h => h.Findings.Count == 0),
                Checks = findings.Count,
                Passed = findings.Count - failed.Count,
                Failed = failed.Count,
                Errors = failed.Count(f => f.Result == Error),
                FailedBySeverity = SeverityOrder.ToDictionary(s => s, s => failed.Count(f => f.Severity == s), StringComparer.Ordinal),
            },
        };
    }

    private static AuditFinding ToFinding(string runId, StoredAttempt attempt, int order)
    {
        var outputs = attempt.Outputs;
        if (outputs.TryGetValue("pass", out var pass) && pass is bool passed)
        {
            var op = outputs.GetValueOrDefault("operator") as string;
            return new AuditFinding
            {
                Target = attempt.Target, StepPath = attempt.StepPath, RunId = runId, Order = order,
                Check = outputs.GetValueOrDefault("check") as string ?? attempt.StepPath,
                Result = passed ? Pass : Fail,
                Severity = outputs.GetValueOrDefault("severity") as string ?? "medium",
                Actual = outputs.GetValueOrDefault("actual"),
                Expected = outputs.GetValueOrDefault("expected"),
                Operator = op,
                Criterion = AuditCheckAction.Criterion(op ?? "equals", outputs.GetValueOrDefault("expected")),
                Remediation = outputs.GetValueOrDefault("remediation") as string,
            };
        }
        // No verdict: the check failed before judging, timed out, or its worker stopped while it ran.
        return new AuditFinding
        {
            Target = attempt.Target, StepPath = attempt.StepPath, RunId = runId, Order = order,
            Check = attempt.StepPath, Result = Error, Criterion = "",
            Error = attempt.Error ?? $"the check ended {attempt.Status} without a verdict",
        };
    }

    // Errors first (nothing is known), then failures from critical to info, then passes.
    private static int Rank(AuditFinding finding) => finding.Result switch
    {
        Error => -1,
        Fail => SeverityOrder.ToList().IndexOf(finding.Severity ?? "medium"),
        _ => SeverityOrder.Count,
    };
}
