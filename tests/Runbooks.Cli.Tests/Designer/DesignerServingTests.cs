using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Runbooks.Cli.Tests.Server;

namespace Runbooks.Cli.Tests.Designer;

/// <summary>
/// The designer as <c>runbooks serve</c> serves it over HTTP, without a key: <c>index.html</c> at <c>/</c> and at every
/// deep link, hashed assets cached for a year, the security headers, and the API's own paths left alone.
/// </summary>
public sealed partial class DesignerServingTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Csp =
        "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    // The build's own index.html (copied beside the tests with runbooks.dll), which the server must answer byte for byte.
    private static readonly string BuiltFile = Path.Combine(AppContext.BaseDirectory, "wwwroot", "index.html");

    private static string Built => File.Exists(BuiltFile)
        ? File.ReadAllText(BuiltFile)
        : throw new InvalidOperationException($"{BuiltFile} is missing: these tests need the designer built into the server (dotnet build without -p:RunbooksDesigner=false)");

    [Fact]
    public async Task Root_NoKey_AnswersTheBuiltIndexHtmlWithSecurityHeadersAndNoCache()
    {
        using var client = server.Client(null);

        var response = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(Built, await response.Content.ReadAsStringAsync());
        Assert.Equal(Csp, Header(response, "Content-Security-Policy"));
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.True(response.Headers.CacheControl?.NoCache, $"Cache-Control: {response.Headers.CacheControl}");
    }

    [Theory]
    [InlineData("/runbooks/restart-nginx")]
    [InlineData("/runs/0190a1b2c3d4e5f60718293a4b5c6d7e")]
    [InlineData("/index.html")]
    public async Task DeepLink_NoKey_AnswersTheApp(string path)
    {
        using var client = server.Client(null);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Built, await response.Content.ReadAsStringAsync());
        Assert.Equal(Csp, Header(response, "Content-Security-Policy"));
    }

    [Fact]
    public async Task Asset_NoKey_IsServedWithItsTypeAndCachedForAYear()
    {
        using var client = server.Client(null);
        var script = ScriptSource().Match(Built).Groups[1].Value;
        Assert.StartsWith("/assets/", script, StringComparison.Ordinal);

        var response = await client.GetAsync(script);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
    }

    [Theory]
    [InlineData("/assets/index-0ld0ld.js")]
    [InlineData("/favicon.ico")]
    public async Task MissingFile_IsAProblem404NotTheApp(string path)
    {
        using var client = server.Client(null);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task UnknownApiRoute_WithAKey_IsStillAProblem404()
    {
        using var client = server.Client("viewer");

        var response = await client.GetAsync("/api/v1/nope");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("there is no route /api/v1/nope; the API is under /api/v1 (its OpenAPI document: /openapi/v1.json)",
            JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("/api/v1/runs")]
    [InlineData("/metrics")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/hangfire")]
    public async Task ApiPath_NoKey_StillNeedsOne(string path)
    {
        using var client = server.Client(null);

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task PostToAnAppPath_Is404()
    {
        using var client = server.Client("operator");

        var response = await client.PostAsync("/runbooks/restart-nginx", new StringContent("{}", MediaTypeHeaderValue.Parse("application/json")));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task OpenApiDocument_ListsNoDesignerRoute()
    {
        using var client = server.Client("viewer");

        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));

        var paths = document.RootElement.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/v1/me", paths);
        Assert.All(paths, path => Assert.True(path.StartsWith("/api/v1/", StringComparison.Ordinal) || path is "/healthz" or "/readyz", $"the OpenAPI document lists {path}"));
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values) : null;

    [GeneratedRegex("<script type=\"module\" crossorigin src=\"([^\"]+)\"")]
    private static partial Regex ScriptSource();
}
