using System.Runtime.CompilerServices;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Runbooks.Cli.Tests.Designer;

/// <summary>
/// One real headless Chromium for a test class (or collection): Debian's <c>/usr/bin/chromium</c>, driven by Playwright
/// through its executable path, so no browser is ever downloaded (<c>RUNBOOKS_CHROMIUM</c> names another binary). Each
/// <see cref="OpenAsync"/> gets a fresh browser context (its own cookies and storage) whose page records every console
/// error and page error, refuses every request to any host but the server, and saves numbered screenshots.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    // Without the background-networking flags Chromium calls Google's services at start, and this machine refuses them.
    // Playwright adds --headless and a fresh temporary --user-data-dir of its own to every launch.
    private static readonly string[] Flags =
    [
        "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The Chromium binary: <c>RUNBOOKS_CHROMIUM</c>, else Debian's.</summary>
    public static string Executable => Environment.GetEnvironmentVariable("RUNBOOKS_CHROMIUM") is { Length: > 0 } path ? path : "/usr/bin/chromium";

    public async Task InitializeAsync()
    {
        if (!File.Exists(Executable))
        {
            throw new InvalidOperationException(
                $"the designer's browser tests need Chromium at {Executable}: install it (Debian: apt-get install chromium; bash .ci/test.sh does) or set RUNBOOKS_CHROMIUM");
        }
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Executable, Headless = true, ChromiumSandbox = false, Args = Flags,
            // A hang guard for a loaded machine, not a timing assertion.
            Timeout = 120_000,
        });
    }

    /// <summary>
    /// A new page on <paramref name="server"/> (its origin is the only one allowed), 1280 × 800 as the issue asks to
    /// work at; screenshots go to <see cref="TestArtifacts"/> under the calling test's name.
    /// </summary>
    public async Task<BrowserPage> OpenAsync(Uri server, ITestOutputHelper output, [CallerMemberName] string test = "")
    {
        ArgumentNullException.ThrowIfNull(server);
        var context = await (_browser ?? throw new InvalidOperationException("started in InitializeAsync")).NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.ToString(), ViewportSize = new ViewportSize { Width = 1280, Height = 800 },
        });
        // Generous for a loaded 2-core machine: a hang guard, not a timing assertion.
        context.SetDefaultTimeout(30_000);
        return await BrowserPage.OpenAsync(context, server, TestArtifacts.For(test), output);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
    }
}
