using Runbooks.Cli.Reports;
using static Runbooks.Cli.Tests.Reports.AuditReportSamples;

namespace Runbooks.Cli.Tests.Reports;

public sealed class AuditReportTests
{
    [Fact]
    public void From_RetriedCheck_TakesTheLastAttempt()
    {
        var report = AuditReport.From(Document(Run("web-1"),
            Errored("web-1", "root", "check 'root': input did not render"),
            Finding("web-1", "root", "sshd PermitRootLogin", true, "no", "equals", "no", attempt: 2)), []);

        var finding = Assert.Single(Assert.Single(report.Hosts).Findings);
        Assert.Equal(("sshd PermitRootLogin", "pass"), (finding.Check, finding.Result));
        Assert.True(report.Compliant);
    }

    [Fact]
    public void From_ForEachIterations_AreSeparateFindings()
    {
        var report = AuditReport.From(Document(Run("web-1"),
            Finding("web-1", "mounts[0]", "disk /", true, 40L, "atMost", 85L),
            Finding("web-1", "mounts[1]", "disk /var", false, 91L, "atMost", 85L, severity: "high")), []);

        var host = Assert.Single(report.Hosts);
        Assert.Equal(["disk /var", "disk /"], host.Findings.Select(f => f.Check));
        Assert.Equal("<= 85", host.Findings[0].Criterion);
    }

    [Fact]
    public void From_SeveralHosts_ListsFailingThenWithoutFindingsThenCompliantByName()
    {
        var report = AuditReport.From(Document(Run("web-1", "web-2", "web-3", "web-4"),
            Finding("web-1", "root", "root", true, "no", "equals", "no"),
            Finding("web-4", "root", "root", false, "yes", "equals", "no"),
            Finding("web-2", "root", "root", false, "yes", "equals", "no"),
            Other("web-3", "sshd")), []);

        Assert.Equal(["web-2", "web-4", "web-3", "web-1"], report.Hosts.Select(h => h.Target));
        Assert.Equal(["failing", "failing", "no findings", "compliant"], report.Hosts.Select(h => h.Status));
        Assert.False(report.Compliant);
    }

    [Fact]
    public void From_OneHost_ListsErrorsThenFailuresBySeverityThenPassesInRunOrder()
    {
        var report = AuditReport.From(Document(Run("web-1"),
            Finding("web-1", "a", "a", true, 1L, "equals", 1L),
            Finding("web-1", "b", "b", false, 1L, "equals", 2L, severity: "low"),
            Finding("web-1", "c", "c", false, 1L, "equals", 2L, severity: "critical"),
            Finding("web-1", "d", "d", true, 1L, "equals", 1L),
            Errored("web-1", "e", "check 'e': expected is not a valid regular expression"),
            Finding("web-1", "f", "f", false, 1L, "equals", 2L, severity: "low")), []);

        Assert.Equal(["e", "c", "b", "f", "a", "d"], Assert.Single(report.Hosts).Findings.Select(f => f.Check));
    }

    [Fact]
    public void From_CheckWithoutVerdict_IsAnErrorCountedAsFailed()
    {
        var report = AuditReport.From(Document(Run("web-1"), Errored("web-1", "ciphers", "check 'ciphers': matches needs actual to be a string")), []);

        var finding = Assert.Single(Assert.Single(report.Hosts).Findings);
        Assert.Equal(("ciphers", "error", "check 'ciphers': matches needs actual to be a string"), (finding.Check, finding.Result, finding.Error));
        Assert.Equal((1, 1, 0), (report.Totals.Failed, report.Totals.Errors, report.Totals.Passed));
        Assert.False(report.Compliant);
    }

    [Fact]
    public void From_Failures_AreCountedPerSeverityWorstFirst()
    {
        var report = AuditReport.From(Document(Run("web-1", "web-2"),
            Finding("web-1", "a", "a", false, 1L, "equals", 2L, severity: "high"),
            Finding("web-2", "a", "a", false, 1L, "equals", 2L, severity: "high"),
            Finding("web-2", "b", "b", false, 1L, "equals", 2L, severity: "info"),
            Finding("web-2", "c", "c", true, 1L, "equals", 1L, severity: "critical")), []);

        Assert.Equal(["critical", "high", "medium", "low", "info"], report.Totals.FailedBySeverity.Keys);
        Assert.Equal([0, 2, 0, 0, 1], report.Totals.FailedBySeverity.Values);
        Assert.Equal((2, 4, 1, 3), (report.Totals.Hosts, report.Totals.Checks, report.Totals.Passed, report.Totals.Failed));
    }

    [Fact]
    public void From_NoAuditSteps_HasNoFindingsAndIsNotCompliant()
    {
        var report = AuditReport.From(Document(Run("web-1"), Other("web-1", "sshd")), []);

        Assert.Equal(0, report.Totals.Checks);
        Assert.False(report.Compliant);
        Assert.Equal("NO FINDINGS: the run recorded no audit.check results", ReportCells.Verdict(report));
    }

    [Fact]
    public void From_SubRunbookRuns_AddTheirFindingsToTheirHosts()
    {
        var child = Document(Run("web-1") with { RunId = "child-1" }, Finding("web-1", "tls", "tls www", false, "3 days", "pass", ">= 30 days"));

        var report = AuditReport.From(Document(Run("web-1"), Finding("web-1", "root", "root", true, "no", "equals", "no")), [child]);

        var findings = Assert.Single(report.Hosts).Findings;
        Assert.Equal([("tls www", "child-1"), ("root", "run-1")], findings.Select(f => (f.Check, f.RunId)));
        Assert.Equal(">= 30 days", findings[0].Criterion);
    }
}
