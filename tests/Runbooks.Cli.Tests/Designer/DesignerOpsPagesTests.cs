using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Runbooks.Cli.Tests.Designer.DesignerSteps;

namespace Runbooks.Cli.Tests.Designer;

/// <summary>
/// The operations pages in real Chromium against a real server: a schedule paused, resumed and triggered from the
/// schedules page (the run it starts reaches the sshd host), that run found in the history by its filters, and the
/// alerts page with its tabs; manual canvas positions kept in the file.
/// </summary>
public sealed class DesignerOpsPagesTests(DesignerE2eFixture server, BrowserFixture browser, ITestOutputHelper output)
    : IClassFixture<DesignerE2eFixture>, IClassFixture<BrowserFixture>
{
    private static readonly LocatorWaitForOptions Slow = new() { Timeout = 120_000 };

    [Fact]
    public async Task SchedulesAndHistory_PauseResumeTriggerThenFilter_TheScheduledRunIsFoundAndRanOnTheHost()
    {
        server.WriteRunbook("nightly-touch.yaml", """
            name: nightly-touch
            targets: { hosts: [web-1] }
            triggers:
              - schedule: { id: nightly, cron: "0 3 * * *", timeZone: UTC }
            steps:
              - id: touch
                action: shell
                with: { argv: [record, from-the-schedule] }
            """);
        await using var page = await browser.OpenAsync(server.BaseAddress, output);
        var p = page.Page;
        await SignInAsync(page, "/schedules", server.Keys["operator"]);
        var row = p.Locator("[data-testid=schedule-row][data-schedule-id='nightly-touch/nightly']");
        // The server registers a new runbook's schedules when it sees the file; the page refreshes on its own.
        await row.WaitForAsync(Slow);
        Assert.Contains("0 3 * * *", await row.TextContentAsync(), StringComparison.Ordinal);

        await row.GetByTestId("schedule-pause").ClickAsync();
        await p.GetByTestId("dialog-comment").FillAsync("quiet week");
        await p.GetByTestId("dialog-confirm").ClickAsync();
        await p.Locator("[data-testid=schedule-row][data-schedule-id='nightly-touch/nightly'][data-paused=true]").WaitForAsync();
        using var api = server.Client("viewer");
        var paused = (await api.GetFromJsonAsync<JsonElement>("/api/v1/schedules")).EnumerateArray().Single(s => s.GetProperty("id").GetString() == "nightly-touch/nightly");
        Assert.True(paused.TryGetProperty("paused", out var pause) && pause.ValueKind == JsonValueKind.Object, paused.ToString());
        await page.ScreenshotAsync("schedule-paused");
        await row.GetByTestId("schedule-resume").ClickAsync();
        await p.Locator("[data-testid=schedule-row][data-schedule-id='nightly-touch/nightly'][data-paused=false]").WaitForAsync();

        await row.GetByTestId("schedule-trigger").ClickAsync();
        await p.GetByTestId("dialog-confirm").ClickAsync();
        await p.GetByTestId("schedule-run-link").ClickAsync();
        await p.Locator("[data-testid=run-page][data-run-status=succeeded]").WaitForAsync(Slow);
        Assert.Single(server.Fleet.Calls(), c => c.Args.SequenceEqual(["from-the-schedule"]));

        await p.GetByTestId("nav-runs").ClickAsync();
        await p.GetByTestId("filter-runbook").SelectOptionAsync("nightly-touch");
        await p.Locator("[data-testid=run-row][data-status=succeeded]").WaitForAsync();
        Assert.Equal(1, await p.GetByTestId("run-row").CountAsync());
        Assert.Contains("runbook=nightly-touch", p.Url, StringComparison.Ordinal);
        await page.ScreenshotAsync("history-filtered");
        await p.GetByTestId("filter-status").SelectOptionAsync("failed");
        await p.Locator("[data-testid=run-row]").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
        page.AssertClean();
    }

    [Fact]
    public async Task AlertsPage_EveryTab_RendersForAnAdmin()
    {
        await using var page = await browser.OpenAsync(server.BaseAddress, output);
        var p = page.Page;
        await SignInAsync(page, "/alerts", server.Keys["admin"]);
        foreach (var tab in new[] { "alerts", "decisions", "breakers", "needs-human" })
        {
            await p.GetByTestId($"alerts-tab-{tab}").ClickAsync();
            Assert.Contains($"tab={tab}", p.Url, StringComparison.Ordinal);
        }
        await page.ScreenshotAsync("alerts");
        page.AssertClean();
    }

    [Fact]
    public async Task NodeDragged_OnTheCanvas_ThePositionIsKeptInTheFilesDesignerKeyAndTheRunbookStaysValid()
    {
        server.WriteRunbook("positions.yaml", """
            name: positions
            steps:
              - id: only
                action: log
                with: { message: here }
            """);
        await using var page = await browser.OpenAsync(server.BaseAddress, output);
        var p = page.Page;
        await SignInAsync(page, "/runbooks/positions", server.Keys["operator"]);
        var box = (await Node(p, "only").BoundingBoxAsync())!;
        await p.Mouse.MoveAsync(box.X + 40, box.Y + 20);
        await p.Mouse.DownAsync();
        await p.Mouse.MoveAsync(box.X + 140, box.Y + 120, new MouseMoveOptions { Steps = 8 });
        await p.Mouse.UpAsync();

        var yaml = await YamlAsync(p);
        Assert.Matches(@"designer:\s+positions:\s+only:\s+x: -?\d+\s+y: -?\d+", yaml);
        await WaitValidAsync(p);
        await p.GetByTestId("save").ClickAsync();
        await p.GetByTestId("designer-message").Filter(new LocatorFilterOptions { HasText = "Saved" }).WaitForAsync();
        Assert.Contains("positions:", await File.ReadAllTextAsync(Path.Combine(server.Workflows, "positions.yaml")), StringComparison.Ordinal);

        // Opened again, the file's position is the node's: the YAML panel shows the same designer key.
        await p.ReloadAsync();
        await Node(p, "only").WaitForAsync();
        Assert.Equal(yaml, await YamlAsync(p));
        page.AssertClean();
    }
}
