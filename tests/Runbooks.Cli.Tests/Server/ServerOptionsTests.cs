using Microsoft.Extensions.Configuration;
using Runbooks.Server.Http;

namespace Runbooks.Cli.Tests.Server;

/// <summary>Runbooks:Server settings: defaults, and every refusal with its exact message.</summary>
public sealed class ServerOptionsTests
{
    private static (ServerOptions Options, IReadOnlyList<string> Problems) Read(params (string Key, string Value)[] settings) =>
        ServerOptions.From(new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create<string, string?>("Runbooks:Server:" + s.Key, s.Value))).Build()
            .GetSection("Runbooks:Server"));

    [Fact]
    public void From_Nothing_ListensOnLoopbackWithCorsOffAndOneMebibyteBodies()
    {
        var (options, problems) = Read();

        Assert.Empty(problems);
        Assert.Equal([new Uri("http://127.0.0.1:5080")], options.Urls);
        Assert.Empty(options.CorsOrigins);
        Assert.Equal(1024 * 1024, options.MaxRequestBodyBytes);
    }

    [Fact]
    public void From_NoDesignerRoot_ServesWwwrootBesideTheExecutable()
    {
        var (options, _) = Read();

        Assert.Equal(Path.Combine(AppContext.BaseDirectory, "wwwroot"), options.DesignerRoot);
    }

    [Fact]
    public void From_DesignerRootThatDoesNotExist_IsRefused()
    {
        var (_, problems) = Read(("DesignerRoot", "/nonexistent/designer"));

        Assert.Equal("Runbooks:Server:DesignerRoot: the folder /nonexistent/designer does not exist; leave it unset to serve the designer built into wwwroot/", Assert.Single(problems));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("null")]
    public void From_WildcardOrNullOrigin_IsRefused(string origin)
    {
        var (_, problems) = Read(("Cors:Origins:0", origin));

        Assert.Equal($"Runbooks:Server:Cors:Origins: '{origin}' is refused: it would let any site (or a sandboxed page) call the API with a user's key; list the designer's exact origins",
            Assert.Single(problems));
    }

    [Fact]
    public void From_OriginWithAPath_IsRefusedAndAnExactOriginKept()
    {
        var (options, problems) = Read(("Cors:Origins:0", "https://ops.example.com/designer"), ("Cors:Origins:1", "https://runbooks.example.com"));

        Assert.Equal("Runbooks:Server:Cors:Origins: 'https://ops.example.com/designer' is not an origin; use scheme://host[:port], e.g. https://runbooks.example.com", Assert.Single(problems));
        Assert.Equal(["https://runbooks.example.com"], options.CorsOrigins);
    }

    [Fact]
    public void From_HttpsWithoutCertificateAndABadUrlAndATinyBodyLimit_ReportsEachProblem()
    {
        var (_, problems) = Read(("Urls", "https://0.0.0.0:8443;ftp://x"), ("MaxRequestBodyBytes", "12"));

        Assert.Equal(
        [
            "Runbooks:Server:Urls: 'ftp://x' is not a URL to listen on; use http://host:port or https://host:port (e.g. http://127.0.0.1:5080)",
            "Runbooks:Server:Tls: an https URL needs Tls:Certificate and Tls:Key (PEM files)",
            "Runbooks:Server:MaxRequestBodyBytes: '12' is not a size in bytes of at least 1024",
        ], problems);
    }
}
