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
    public async Task Run_CertificateExpiringSoonAndMissingFile_FailsListingBoth()
    {
        var good = CreateCertificate("good", days: 365);
        var soon = CreateCertificate("soon", days: 2);
        var missing = _dir["missing.pem"];

        var result = await CliProcess.RunAsync(_dir, "run", Workflow, "-p", $"certFiles={good},{soon},{missing}", "-p", "warnDays=30");

        Assert.True(result.ExitCode == 1, result.ToString());
        var verdict = $"renew or fix: {soon}, {missing} (expire within 30 days or could not be checked)";
        Assert.Contains(result.StdoutLines, line => line.StartsWith("  verdict ", StringComparison.Ordinal)
            && line.Contains(" failed ", StringComparison.Ordinal) && line.EndsWith(verdict, StringComparison.Ordinal));
        Assert.Contains(result.StdoutLines, line => line.StartsWith("  files[1]/file_checkend ", StringComparison.Ordinal) && line.EndsWith("last lines of stdout: ⏎ Certificate will expire", StringComparison.Ordinal));
        // The forEach has continueOnError: the run fails because of the verdict, and the error line should say so.
        Assert.Contains($"Error: step 'verdict' failed: {verdict}", result.StdoutLines);
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
