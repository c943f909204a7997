using Runbooks.Cli.Tests.Server;
using Xunit.Abstractions;

namespace Runbooks.Cli.Tests.Designer;

/// <summary>
/// The designer in real headless Chromium against a real <c>runbooks serve</c>: it renders with no console error and
/// no request to any host but the server, at <c>/</c> and at a deep link. Screenshots: <see cref="TestArtifacts"/>.
/// </summary>
public sealed class DesignerSmokeTests(ServerFixture server, BrowserFixture browser, ITestOutputHelper output)
    : IClassFixture<ServerFixture>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Root_InChromium_RendersTheAppWithNoConsoleErrorAndNoForeignRequest()
    {
        await using var page = await browser.OpenAsync(server.BaseAddress, output);

        var response = await page.GotoAsync("/");
        await page.Page.Locator("[data-testid=app]").WaitForAsync();
        await page.ScreenshotAsync("app");

        Assert.NotNull(response);
        Assert.Equal(200, response.Status);
        Assert.StartsWith("default-src 'self';", (await response.AllHeadersAsync())["content-security-policy"], StringComparison.Ordinal);
        page.AssertClean();
    }

    [Fact]
    public async Task DeepLink_InChromium_RendersTheApp()
    {
        await using var page = await browser.OpenAsync(server.BaseAddress, output);

        await page.GotoAsync("/runbooks/anything");
        await page.Page.Locator("[data-testid=app]").WaitForAsync();
        await page.ScreenshotAsync("deep-link");

        page.AssertClean();
    }

    [Fact]
    public async Task BrowserPage_ConsoleErrorAndRequestToAnotherHost_AreRecordedAndTheRequestRefused()
    {
        await using var page = await browser.OpenAsync(server.BaseAddress, output);
        // A page without the server's CSP, so that the request reaches the guard; .invalid never resolves either way.
        await page.Page.SetContentAsync("<img src=\"http://elsewhere.invalid/pixel.png\"><script>console.error('boom')</script>");

        await page.Page.WaitForLoadStateAsync();

        Assert.Contains("GET http://elsewhere.invalid/pixel.png", page.ForeignRequests);
        Assert.Contains(page.Errors, e => e.StartsWith("console: boom", StringComparison.Ordinal));
        Assert.Throws<Xunit.Sdk.TrueException>(() => page.AssertClean());
    }
}
