using System.Diagnostics;
using System.Text.Json;
using Runbooks.Cli.Tests.TestSupport;

namespace Runbooks.Cli.Tests.Workflows;

/// <summary>workflows/certificate-expiry-audit.yaml against self-signed certificates made with openssl.</summary>
public sealed class CertificateExpiryAuditWorkflowTests : IDisposable
{
    private static readonly string Workflow = RepositoryRoot.Workflow("certificate-expiry-audit.yaml");

    private readonly TempWorkDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Run_CertificatesValidBeyondWarnDays_Succeeds()
    {
        var good = CreateCertificate("good", days: 365);
        var alsoGood = CreateCertificate("also-good", days: 90);

        var result = await CliProcess.RunAsync(_dir, "run", Workflow, "-p", $"certFiles={good},{alsoGood}", "-p", "warnDays=30", "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var outputs = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("outputs");
        Assert.Equal(2, outputs.GetProperty("checked").GetInt32());
        Assert.Empty(outputs.GetProperty("expiringFiles").EnumerateArray());
    }

    [Fact]
    public async Task Run_CertificateExpiringSoonAndMissingFile_FailsListingBothAndRecordsAFindingEach()
    {
        var good = CreateCertificate("good", days: 365);
        var soon = CreateCertificate("soon", days: 2);
        var missing = _dir["missing.pem"];

        var result = await CliProcess.RunAsync(_dir, "run", Workflow, "-p", $"certFiles={good},{soon},{missing}", "-p", "warnDays=30", "-o", "json");

        Assert.True(result.ExitCode == 1, result.ToString());
        using var run = JsonDocument.Parse(result.Stdout);
        var verdict = $"renew or fix: {soon}, {missing} (expire within 30 days or could not be checked)";
        Assert.Equal($"step 'verdict' failed: {verdict}", run.RootElement.GetProperty("error").GetString());

        var report = await CliProcess.RunAsync(_dir, "report", run.RootElement.GetProperty("runId").GetString()!, "-f", "json");

        Assert.True(report.ExitCode == 5, report.ToString());
        using var json = JsonDocument.Parse(report.Stdout);
        // Keyed by check: the files are checked concurrently, so their start order varies.
        var findings = Assert.Single(json.RootElement.GetProperty("hosts").EnumerateArray()).GetProperty("findings").EnumerateArray()
            .ToDictionary(f => f.GetProperty("check").GetString()!, f => (Result: f.GetProperty("result").GetString(), Severity: f.GetProperty("severity").GetString(), Actual: f.GetProperty("actual").GetString()!));
        Assert.Equal(3, findings.Count);
        Assert.Equal(("fail", "critical"), (findings[$"certificate {missing}"].Result, findings[$"certificate {missing}"].Severity));
        Assert.StartsWith("not checked: ", findings[$"certificate {missing}"].Actual, StringComparison.Ordinal);
        Assert.Equal(("fail", "critical"), (findings[$"certificate {soon}"].Result, findings[$"certificate {soon}"].Severity));
        Assert.Matches(@"^[12] days left \(until .+ GMT\)$", findings[$"certificate {soon}"].Actual);
        Assert.Equal(("pass", "high"), (findings[$"certificate {good}"].Result, findings[$"certificate {good}"].Severity));
    }

    private string CreateCertificate(string name, int days)
    {
        var cert = _dir[$"{name}.pem"];
        var info = new ProcessStartInfo("openssl")
        {
            RedirectStandardError = true,
            ArgumentList =
            {
                "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-keyout", _dir[$"{name}.key"], "-out", cert, "-days", days.ToString(System.Globalization.CultureInfo.InvariantCulture),
                "-subj", $"/CN={name}.runbooks.test",
            },
        };
        using var openssl = Process.Start(info)!;
        var error = openssl.StandardError.ReadToEnd();
        openssl.WaitForExit();
        Assert.True(openssl.ExitCode == 0, $"openssl req failed: {error}");
        return cert;
    }
}
