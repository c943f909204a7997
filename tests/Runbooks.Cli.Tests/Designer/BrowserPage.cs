using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Runbooks.Cli.Tests.Designer;

/// <summary>
/// A page of the designer in its own browser context, watched: every console error and uncaught page error is kept,
/// and every request whose origin is not the server's is aborted and kept, so a test can assert "no console errors, no
/// request to any host but the server". <see cref="ScreenshotAsync"/> saves <c>NN-stage.png</c> and prints the path.
/// </summary>
public sealed class BrowserPage : IAsyncDisposable
{
    private readonly IBrowserContext _context;
    private readonly string _artifacts;
    private readonly ITestOutputHelper _output;
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly ConcurrentQueue<string> _foreign = new();
    private int _shots;

    private BrowserPage(IBrowserContext context, IPage page, string artifacts, ITestOutputHelper output) =>
        (_context, Page, _artifacts, _output) = (context, page, artifacts, output);

    /// <summary>The Playwright page.</summary>
    public IPage Page { get; }

    /// <summary>Console errors (<c>console.error</c>, failed loads, CSP violations) and uncaught exceptions, in order.</summary>
    public IReadOnlyList<string> Errors => [.. _errors];

    /// <summary>Requests to another origin than the server's, each refused before it left the browser.</summary>
    public IReadOnlyList<string> ForeignRequests => [.. _foreign];

    internal static async Task<BrowserPage> OpenAsync(IBrowserContext context, Uri server, string artifacts, ITestOutputHelper output)
    {
        var origin = server.GetLeftPart(UriPartial.Authority);
        var page = new BrowserPage(context, await context.NewPageAsync(), artifacts, output);
        // On the context, so requests of workers and popups are caught as well as the page's own.
        await context.RouteAsync("**/*", async route =>
        {
            var url = route.Request.Url;
            if (Uri.TryCreate(url, UriKind.Absolute, out var target) && string.Equals(target.GetLeftPart(UriPartial.Authority), origin, StringComparison.OrdinalIgnoreCase))
            {
                await route.ContinueAsync();
                return;
            }
            page._foreign.Enqueue($"{route.Request.Method} {url}");
            await route.AbortAsync("blockedbyclient");
        });
        page.Page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                page._errors.Enqueue($"console: {message.Text} ({message.Location})");
            }
        };
        page.Page.PageError += (_, error) => page._errors.Enqueue($"page error: {error}");
        return page;
    }

    /// <summary>Opens <paramref name="path"/> on the server and waits until the page and its scripts have loaded.</summary>
    public async Task<IResponse?> GotoAsync(string path) =>
        await Page.GotoAsync(path, new PageGotoOptions { WaitUntil = WaitUntilState.Load });

    /// <summary>Saves the page as <c>NN-<paramref name="stage"/>.png</c> in the test's artifact folder and prints where.</summary>
    public async Task<string> ScreenshotAsync(string stage)
    {
        var file = Path.Combine(_artifacts, $"{Interlocked.Increment(ref _shots).ToString("00", CultureInfo.InvariantCulture)}-{stage}.png");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = file, FullPage = true });
        _output.WriteLine($"screenshot: {file}");
        return file;
    }

    /// <summary>
    /// Fails listing them when the page logged an error or asked for another host. <paramref name="expected"/> names
    /// errors the test caused on purpose (a fragment each, e.g. the 409 Chromium logs for a conflict it provoked): each
    /// must have happened exactly once, and is then not counted.
    /// </summary>
    public void AssertClean(params string[] expected)
    {
        var errors = _errors.ToList();
        foreach (var fragment in expected)
        {
            var matching = errors.Where(e => e.Contains(fragment, StringComparison.Ordinal)).ToList();
            Assert.True(matching.Count == 1, $"expected exactly one error containing '{fragment}', saw {matching.Count}:\n" + string.Join("\n", errors));
            errors.Remove(matching[0]);
        }
        Assert.True(errors.Count == 0, "console or page errors:\n" + string.Join("\n", errors));
        Assert.True(_foreign.IsEmpty, "requests to a host other than the server:\n" + string.Join("\n", _foreign));
    }

    public async ValueTask DisposeAsync() => await _context.DisposeAsync();
}
