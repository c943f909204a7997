using System.Text.Json;
using Runbooks.Cli.Commands;
using Runbooks.Cli.Reports;
using static Runbooks.Cli.Tests.Reports.AuditReportSamples;

namespace Runbooks.Cli.Tests.Reports;

/// <summary>Each format of <c>runbooks report</c>, from journal documents: content, order and escaping.</summary>
public sealed class ReportFormatTests
{
    private static readonly AuditReport Mixed = AuditReport.From(Document(Run("web-1", "web-2"),
        Finding("web-1", "root", "sshd PermitRootLogin", true, "no", "in", new List<object?> { "no", "prohibit-password" }, severity: "high"),
        Finding("web-2", "root", "sshd PermitRootLogin", false, "yes", "in", new List<object?> { "no", "prohibit-password" }, severity: "high", remediation: "PermitRootLogin no"),
        Finding("web-2", "tries", "sshd MaxAuthTries", true, 3L, "atMost", 4L)), []);

    private static readonly AuditReport Hostile = AuditReport.From(Document(Run("web-1"),
        Finding("web-1", "banner", "banner | motd", false, "line one\nline \"two\", end", "equals", "a,b", remediation: "fix | it\r\nnow")), []);

    [Fact]
    public void Text_MixedReport_PrintsHeaderTotalsAndFailingHostFirst()
    {
        var text = ReportCommand.Render(Mixed, "text");

        Assert.Equal(
            """
            Compliance report of run run-1: sshd-hardening-audit, succeeded
              runbook   sha256 abc123
              started   2026-12-01 03:00:00 UTC by schedule:weekly
              targets   web-1, web-2
              result    NOT COMPLIANT: 1 of 3 checks failed on 1 of 2 hosts (high 1)
              totals    3 checks, 2 passed, 1 failed (critical 0, high 1, medium 0, low 0, info 0)

            web-2: failing, 1 failed, 1 passed
              RESULT  SEVERITY  CHECK                 ACTUAL  EXPECTED                        REMEDIATION
              FAIL    high      sshd PermitRootLogin  yes     one of [no, prohibit-password]  PermitRootLogin no
              pass    medium    sshd MaxAuthTries     3       <= 4

            web-1: compliant, 0 failed, 1 passed
              RESULT  SEVERITY  CHECK                 ACTUAL  EXPECTED                        REMEDIATION
              pass    high      sshd PermitRootLogin  no      one of [no, prohibit-password]

            """,
            text);
    }

    [Fact]
    public void Text_ValueWithNewlines_StaysOnOneRow()
    {
        var text = ReportCommand.Render(Hostile, "text");

        Assert.Contains("  FAIL    medium    banner | motd  line one ⏎ line \"two\", end  a,b       fix | it ⏎ now\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_MixedReport_HasATablePerHostFailingFirst()
    {
        var markdown = ReportCommand.Render(Mixed, "markdown");

        Assert.StartsWith("# Compliance report: sshd-hardening-audit\n", markdown, StringComparison.Ordinal);
        Assert.Contains("| result | **NOT COMPLIANT: 1 of 3 checks failed on 1 of 2 hosts (high 1)** |\n", markdown, StringComparison.Ordinal);
        Assert.Contains("| 3 | 2 | 1 | 0 | 1 | 0 | 0 | 0 | 0 |\n", markdown, StringComparison.Ordinal);
        Assert.True(markdown.IndexOf("## web-2", StringComparison.Ordinal) < markdown.IndexOf("## web-1", StringComparison.Ordinal));
        Assert.Contains("| **FAIL** | high | sshd PermitRootLogin | yes | one of [no, prohibit-password] | PermitRootLogin no |\n", markdown, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_PipesAndNewlinesInCells_AreEscaped()
    {
        var markdown = ReportCommand.Render(Hostile, "markdown");

        Assert.Contains("| **FAIL** | medium | banner \\| motd | line one<br>line \"two\", end | a,b | fix \\| it<br>now |\n", markdown, StringComparison.Ordinal);
        // Every table row has exactly the columns of its header: 6 cells, 7 unescaped pipes.
        var row = markdown.Split('\n').Single(l => l.StartsWith("| **FAIL**", StringComparison.Ordinal));
        Assert.Equal(7, row.Replace("\\|", "", StringComparison.Ordinal).Count(c => c == '|'));
    }

    [Fact]
    public void Csv_MixedReport_HasAHeaderAndOneRecordPerFindingWithCrlf()
    {
        var csv = ReportCommand.Render(Mixed, "csv");

        Assert.Equal(
            "run,runbook,target,check,result,severity,actual,expected,operator,remediation,step,error\r\n"
            + "run-1,sshd-hardening-audit,web-2,sshd PermitRootLogin,fail,high,yes,\"[no, prohibit-password]\",in,PermitRootLogin no,root,\r\n"
            + "run-1,sshd-hardening-audit,web-2,sshd MaxAuthTries,pass,medium,3,4,atMost,,tries,\r\n"
            + "run-1,sshd-hardening-audit,web-1,sshd PermitRootLogin,pass,high,no,\"[no, prohibit-password]\",in,,root,\r\n",
            csv);
    }

    [Fact]
    public void Csv_CommasQuotesAndNewlines_AreQuotedPerRfc4180()
    {
        var csv = ReportCommand.Render(Hostile, "csv");

        Assert.EndsWith(
            "run-1,sshd-hardening-audit,web-1,banner | motd,fail,medium,\"line one\nline \"\"two\"\", end\",\"a,b\",equals,\"fix | it\r\nnow\",banner,\r\n",
            csv, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_HostWithoutFindings_HasARowSayingSo()
    {
        var report = AuditReport.From(Document(Run("web-1"), Other("web-1", "sshd")), []);

        Assert.EndsWith("run-1,sshd-hardening-audit,web-1,,no findings,,,,,,,\r\n", ReportCommand.Render(report, "csv"), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_MixedReport_IsOneDocumentWithTypedValues()
    {
        using var json = JsonDocument.Parse(ReportCommand.Render(Mixed, "json"));
        var root = json.RootElement;

        Assert.False(root.GetProperty("compliant").GetBoolean());
        Assert.Equal("abc123", root.GetProperty("run").GetProperty("contentHash").GetString());
        Assert.Equal(1, root.GetProperty("totals").GetProperty("failedBySeverity").GetProperty("high").GetInt32());
        var hosts = root.GetProperty("hosts").EnumerateArray().ToList();
        Assert.Equal(["web-2", "web-1"], hosts.Select(h => h.GetProperty("target").GetString()));
        var tries = hosts[0].GetProperty("findings")[1];
        Assert.Equal((3, 4, "<= 4"), (tries.GetProperty("actual").GetInt32(), tries.GetProperty("expected").GetInt32(), tries.GetProperty("criterion").GetString()));
        Assert.Equal(JsonValueKind.Array, hosts[0].GetProperty("findings")[0].GetProperty("expected").ValueKind);
    }

    [Fact]
    public void Text_NoFindings_SaysSoClearly()
    {
        var report = AuditReport.From(Document(Run("web-1"), Other("web-1", "sshd")), []);

        var text = ReportCommand.Render(report, "text");

        Assert.Contains("  result    NO FINDINGS: the run recorded no audit.check results\n", text, StringComparison.Ordinal);
        Assert.EndsWith("Run run-1 of sshd-hardening-audit recorded no audit findings: it has no audit.check steps, or none of them ran (skipped, or the run stopped before them). runbooks runs show run-1 shows what ran.\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_HostWithoutFindings_IsListedAfterFailingHosts()
    {
        var report = AuditReport.From(Document(Run("web-1", "web-2"), Finding("web-1", "root", "root", true, "no", "equals", "no")), []);

        var text = ReportCommand.Render(report, "text");

        Assert.Contains("  result    NOT COMPLIANT: 1 of 2 hosts recorded no findings\n", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("web-2: no findings recorded", StringComparison.Ordinal) < text.IndexOf("web-1: compliant", StringComparison.Ordinal));
    }
}
