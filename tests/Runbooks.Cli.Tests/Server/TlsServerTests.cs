using System.Diagnostics;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Runbooks.Cli.Tests.TestSupport;

namespace Runbooks.Cli.Tests.Server;

/// <summary><c>runbooks serve</c> over TLS with a PEM certificate and key made by the real <c>openssl</c>.</summary>
public sealed partial class TlsServerTests : IDisposable
{
    private readonly TempWorkDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Serve_HttpsUrlWithPemCertificate_AnswersOverTlsWithThatCertificate()
    {
        var certificate = _dir["server.crt"];
        var key = _dir["server.key"];
        using (var openssl = Process.Start(new ProcessStartInfo("openssl",
            ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes", "-days", "2", "-subj", "/CN=127.0.0.1",
             "-addext", "subjectAltName=IP:127.0.0.1", "-keyout", key, "-out", certificate]) { RedirectStandardError = true })!)
        {
            await openssl.WaitForExitAsync();
            Assert.True(openssl.ExitCode == 0, await openssl.StandardError.ReadToEndAsync());
        }
        var env = new Dictionary<string, string?>
        {
            ["Runbooks__Server__Urls"] = "https://127.0.0.1:0", ["Runbooks__Server__Tls__Certificate"] = certificate, ["Runbooks__Server__Tls__Key"] = key,
        };
        using var serve = CliProcess.Start(_dir, env, "serve", "-w", _dir["workflows"], "--workers", "1");
        await serve.WaitForStderrAsync("; API on ", TimeSpan.FromSeconds(90));
        var address = HttpsAddress().Match(serve.Stderr).Groups[1].Value;
        using var expected = X509CertificateLoader.LoadCertificateFromFile(certificate);
        X509Certificate2? seen = null;
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, cert, _, _) => (seen = X509CertificateLoader.LoadCertificate(cert!.RawData)).Thumbprint == expected.Thumbprint,
        };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(address) };

        var health = await client.GetStringAsync("/healthz");

        Assert.Equal("ok\n", health);
        Assert.Equal(expected.Thumbprint, seen!.Thumbprint);
        serve.Signal("TERM");
        await serve.WaitForExitAsync(TimeSpan.FromSeconds(90));
    }

    [Fact]
    public async Task Serve_HttpsUrlWithoutCertificate_RefusesToStartNamingTheKeys()
    {
        var result = await CliProcess.RunAsync(_dir, new Dictionary<string, string?> { ["Runbooks__Server__Urls"] = "https://127.0.0.1:0" },
            "serve", "-w", _dir["workflows"]);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error: Runbooks:Server:Tls: an https URL needs Tls:Certificate and Tls:Key (PEM files)", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("error: the server settings are invalid; the server did not start", result.Stderr, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"; API on (https://127\.0\.0\.1:[0-9]+)")]
    private static partial Regex HttpsAddress();
}
