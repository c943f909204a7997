using Microsoft.Playwright;
using Xunit.Abstractions;
using static Runbooks.Cli.Tests.Designer.DesignerSteps;

namespace Runbooks.Cli.Tests.Designer;

/// <summary>
/// The scenario in real headless Chromium against a real <c>runbooks serve</c> and a real sshd host: build a
/// runbook from an empty canvas by drag and drop (three actions and a condition), see a validation error on a broken
/// field and fix it, save, plan, run it on the sshd host and see every node turn green; approve a gate. Each stage is
/// a screenshot (<see cref="TestArtifacts"/>); any console error or request to another host fails the test.
/// </summary>
public sealed class DesignerScenarioTests(DesignerE2eFixture server, BrowserFixture browser, ITestOutputHelper output)
    : IClassFixture<DesignerE2eFixture>, IClassFixture<BrowserFixture>
{
    private static readonly LocatorWaitForOptions RunEnds = new() { Timeout = 120_000 };

    [Fact]
    public async Task EmptyCanvas_BuildValidateSavePlanRun_EveryNodeTurnsGreenAndTheHostRanTheCommandOnce()
    {
        await using var page = await browser.OpenAsync(server.BaseAddress, output);
        var p = page.Page;
        await SignInAsync(page, "/runbooks/new", server.Keys["operator"]);
        await p.GetByTestId("canvas-empty").WaitForAsync();
        await page.ScreenshotAsync("empty-canvas");

        // Three actions by drag and drop: onto the empty pane, then each onto the step it follows.
        await DragAsync(p, "shell", p.Locator(".react-flow__pane"), new TargetPosition { X = 320, Y = 420 });
        await Node(p, "shell").WaitForAsync();
        await DragAsync(p, "file.exists", Node(p, "shell"));
        await Node(p, "exists").WaitForAsync();
        await DragAsync(p, "log", Node(p, "exists"));
        await Node(p, "log").WaitForAsync();

        await Node(p, "shell").ClickAsync();
        await p.GetByTestId("input-argv").FillAsync("record\nbuilt-in-the-designer");
        // A broken field: the server's validation pins the problem to the node and to the field.
        await p.GetByTestId("step-timeout").FillAsync("abc");
        // Wait for this problem itself: an answer to an earlier text (shell with neither argv nor script) may still show.
        await p.GetByTestId("field-problem").Filter(new LocatorFilterOptions { HasText = "'abc' is not a duration" }).WaitForAsync();
        await Node(p, "shell").GetByTestId("node-problem").WaitForAsync();
        await page.ScreenshotAsync("validation-error");
        await p.GetByTestId("step-timeout").FillAsync("30s");

        await Node(p, "exists").ClickAsync();
        await p.GetByTestId("input-path").FillAsync("/etc/hostname");
        await p.GetByTestId("step-if").FillAsync("steps.shell.outputs.exitCode == 0");
        await p.Keyboard.PressAsync("Escape");
        // The template field completes from the earlier step's output schema.
        await Node(p, "log").ClickAsync();
        await p.GetByTestId("input-message").FillAsync("the file is there: {{ steps.exists.outputs.ex");
        await p.GetByTestId("completions").GetByText("steps.exists.outputs.exists", new LocatorGetByTextOptions { Exact = true }).ClickAsync();
        await p.GetByTestId("input-message").PressSequentiallyAsync(" }}");
        Assert.Equal("the file is there: {{ steps.exists.outputs.exists }}", await p.GetByTestId("input-message").InputValueAsync());
        await p.Keyboard.PressAsync("Escape");

        // The runbook's own settings: nothing selected.
        await p.Locator(".react-flow__pane").ClickAsync(new LocatorClickOptions { Position = new Position { X = 20, Y = 20 } });
        await p.GetByTestId("runbook-name").FillAsync("built-in-the-browser");
        await p.GetByTestId("targets-hosts").FillAsync("web-1");
        await WaitValidAsync(p);
        Assert.Equal(0, await p.GetByTestId("node-problem").CountAsync());
        Assert.Contains("if steps.shell.outputs.exitCode == 0", await p.Locator(".react-flow__edge-text").AllTextContentsAsync());
        await page.ScreenshotAsync("built");

        await p.GetByTestId("save").ClickAsync();
        Assert.StartsWith("Saved built-in-the-browser.yaml", await p.GetByTestId("designer-message").TextContentAsync(), StringComparison.Ordinal);
        var saved = await File.ReadAllTextAsync(Path.Combine(server.Workflows, "built-in-the-browser.yaml"));
        Assert.Contains("if: steps.shell.outputs.exitCode == 0", saved, StringComparison.Ordinal);
        Assert.Contains("- web-1", saved, StringComparison.Ordinal);

        await p.GetByTestId("run").ClickAsync();
        await p.GetByTestId("plan").ClickAsync();
        var planned = p.Locator("[data-testid=plan-host][data-host=web-1]");
        await planned.WaitForAsync();
        Assert.Contains(await planned.GetByTestId("plan-command").AllTextContentsAsync(), text => text.Contains("built-in-the-designer", StringComparison.Ordinal));
        await page.ScreenshotAsync("plan");
        // The plan rendered the command; nothing reached the host.
        Assert.DoesNotContain(server.Fleet.Calls(), c => c.Args.Contains("built-in-the-designer"));

        await p.GetByTestId("start-run").ClickAsync();
        await p.Locator("[data-testid=run-page][data-run-status=succeeded]").WaitForAsync(RunEnds);
        foreach (var step in new[] { "shell", "exists", "log" })
        {
            Assert.Equal("succeeded", await Node(p, step).GetAttributeAsync("data-status"));
        }
        await p.GetByTestId("run-timeline").WaitForAsync();
        await page.ScreenshotAsync("run-succeeded");

        var call = Assert.Single(server.Fleet.Calls(), c => c.Args.Contains("built-in-the-designer"));
        Assert.Equal("web-1", call.Host);
        Assert.Equal("record", call.Command);
        Assert.Equal(["built-in-the-designer"], call.Args);
        page.AssertClean();
    }

    [Fact]
    public async Task ApprovalGate_ApprovedInTheRunView_TheRunGoesOnAndFinishesGreen()
    {
        server.WriteRunbook("gated-change.yaml", """
            name: gated-change
            targets: { hosts: [web-1] }
            steps:
              - id: prepare
                action: shell
                with: { argv: [record, before-the-gate] }
              - id: gate
                name: A person says go
                action: approval
                with:
                  approvers: [approver-key]
                  message: "Go ahead on {{ target.name }}?"
              - id: change
                action: shell
                with: { argv: [record, after-the-gate] }
            """);
        await using var page = await browser.OpenAsync(server.BaseAddress, output);
        var p = page.Page;
        await SignInAsync(page, "/runbooks/gated-change", server.Keys["approver"]);
        await Node(p, "gate").WaitForAsync();
        await p.GetByTestId("run").ClickAsync();
        // The target picker lists the inventory; the run goes to the host picked.
        await p.GetByTestId("pick-hosts").CheckAsync();
        await p.Locator("[data-testid=host-option][data-host=web-1]").CheckAsync();
        await p.GetByTestId("start-run").ClickAsync();

        var gate = p.GetByTestId("approval-gate");
        await gate.WaitForAsync(RunEnds);
        Assert.Contains("Go ahead on web-1?", await gate.TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal("waiting", await Node(p, "gate").GetAttributeAsync("data-status"));
        Assert.DoesNotContain(server.Fleet.Calls(), c => c.Args.Contains("after-the-gate"));
        await page.ScreenshotAsync("waiting-for-approval");

        await p.GetByTestId("approval-comment").FillAsync("CHG-42 approved in the browser");
        await p.GetByTestId("approve").ClickAsync();
        await p.Locator("[data-testid=run-page][data-run-status=succeeded]").WaitForAsync(RunEnds);
        foreach (var step in new[] { "prepare", "gate", "change" })
        {
            Assert.Equal("succeeded", await Node(p, step).GetAttributeAsync("data-status"));
        }
        Assert.Contains("CHG-42 approved in the browser", await p.GetByTestId("run-timeline").TextContentAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync("approved-and-done");

        Assert.Single(server.Fleet.Calls(), c => c.Args.SequenceEqual(["after-the-gate"]));
        page.AssertClean();
    }

    [Fact]
    public async Task Cancel_ARunWaitingInAStep_EndsCancelledAndTheStepAfterNeverRuns()
    {
        server.WriteRunbook("long-wait.yaml", """
            name: long-wait
            targets: { hosts: [web-1] }
            steps:
              - id: pause
                action: wait
                with: { duration: 10m }
              - id: never
                action: shell
                with: { argv: [record, after-the-cancel] }
            """);
        await using var page = await browser.OpenAsync(server.BaseAddress, output);
        var p = page.Page;
        await SignInAsync(page, "/runbooks/long-wait", server.Keys["operator"]);
        await Node(p, "pause").WaitForAsync();
        await p.GetByTestId("run").ClickAsync();
        await p.GetByTestId("start-run").ClickAsync();
        await p.Locator("[data-testid=run-page]:not([data-run-status=queued])").WaitForAsync(RunEnds);
        await p.GetByTestId("cancel-run").ClickAsync();
        await p.Locator("[data-testid=run-page][data-run-status=cancelled]").WaitForAsync(RunEnds);
        await page.ScreenshotAsync("cancelled");
        Assert.Equal(0, await p.GetByTestId("cancel-run").CountAsync());
        Assert.DoesNotContain(server.Fleet.Calls(), c => c.Args.Contains("after-the-cancel"));
        page.AssertClean();
    }
}
