using System.Net.Http.Json;
using System.Text;
using Microsoft.Playwright;
using Runbooks.Cli.Tests.TestSupport;
using Xunit.Abstractions;
using static Runbooks.Cli.Tests.Designer.DesignerSteps;

namespace Runbooks.Cli.Tests.Designer;

/// <summary>
/// Editing in real Chromium against a real server: the YAML panel drives the graph (and bad YAML keeps the last good
/// graph), a save on top of a newer version is a conflict the user resolves, the keyboard deletes, undoes and moves
/// between nodes, a viewer's key sees no way to change anything, and every runbook of <c>workflows/</c> opens with
/// each of its steps as a node.
/// </summary>
public sealed class DesignerEditingTests(DesignerE2eFixture server, BrowserFixture browser, ITestOutputHelper output)
    : IClassFixture<DesignerE2eFixture>, IClassFixture<BrowserFixture>
{
    private const string ThreeSteps = """
        # Written by hand: this comment must survive edits made in the designer.
        name: three-steps
        steps:
          - id: first
            action: log
            with: { message: one }
          - id: second
            action: log
            with: { message: two }
          - id: third
            action: log
            with: { message: three }
        """;

    [Fact]
    public async Task YamlPanel_TextEdited_TheGraphFollowsAndBadYamlKeepsTheLastGoodGraph()
    {
        server.WriteRunbook("yaml-edit.yaml", ThreeSteps.Replace("three-steps", "yaml-edit", StringComparison.Ordinal));
        await using var page = await browser.OpenAsync(server.BaseAddress, output);
        var p = page.Page;
        await SignInAsync(page, "/runbooks/yaml-edit", server.Keys["operator"]);
        await Node(p, "third").WaitForAsync();

        var yaml = (await YamlAsync(p)).TrimEnd() + "\n";
        var editor = p.GetByTestId("yaml-editor");
        await editor.FillAsync(yaml + "  - id: fourth\n    name: Added in the YAML\n    action: wait\n    with: { duration: 1s }\n");
        await Node(p, "fourth").WaitForAsync();
        Assert.Contains("Added in the YAML", await Node(p, "fourth").TextContentAsync(), StringComparison.Ordinal);
        await page.ScreenshotAsync("yaml-added-a-step");

        // Broken YAML: the errors show with a line, the graph keeps all four steps.
        await editor.FillAsync(yaml + "  - id: [broken\n");
        await p.GetByTestId("yaml-problems").WaitForAsync();
        Assert.Contains("line", await p.GetByTestId("yaml-problems").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(4, await p.GetByTestId("step-node").CountAsync());
        await page.ScreenshotAsync("yaml-broken-graph-kept");

        // And the other way: a graph edit rewrites the YAML, keeping the hand-written comment.
        await editor.FillAsync(yaml);
        await WaitValidAsync(p);
        Assert.Equal(3, await p.GetByTestId("step-node").CountAsync());
        await Node(p, "second").ClickAsync();
        await p.GetByTestId("tab-properties").ClickAsync();
        await p.GetByTestId("step-name").FillAsync("Renamed on the canvas");
        var written = await YamlAsync(p);
        Assert.Contains("name: Renamed on the canvas", written, StringComparison.Ordinal);
        Assert.Contains("# Written by hand: this comment must survive edits made in the designer.", written, StringComparison.Ordinal);
        page.AssertClean();
    }

    [Fact]
    public async Task Save_FileChangedElsewhereMeanwhile_IsAConflictAndNothingIsOverwrittenUntilTheUserChooses()
    {
        var file = server.WriteRunbook("conflicted.yaml", ThreeSteps.Replace("three-steps", "conflicted", StringComparison.Ordinal));
        await using var page = await browser.OpenAsync(server.BaseAddress, output);
        var p = page.Page;
        await SignInAsync(page, "/runbooks/conflicted", server.Keys["operator"]);
        await Node(p, "first").ClickAsync();
        await p.GetByTestId("step-name").FillAsync("Mine");

        // Someone else saves another version through the API while the page is open.
        using var api = server.Client("operator");
        var current = await api.GetFromJsonAsync<RunbookAnswer>("/api/v1/runbooks/conflicted");
        var theirs = current!.Yaml.Replace("message: one", "message: theirs", StringComparison.Ordinal);
        using var put = new HttpRequestMessage(HttpMethod.Put, "/api/v1/runbooks/conflicted") { Content = new StringContent(theirs, Encoding.UTF8, "application/yaml") };
        put.Headers.TryAddWithoutValidation("If-Match", $"\"{current.ContentHash}\"");
        Assert.True((await api.SendAsync(put)).IsSuccessStatusCode);

        await p.GetByTestId("save").ClickAsync();
        await p.GetByTestId("save-conflict").WaitForAsync();
        Assert.Contains("message: theirs", await p.GetByTestId("conflict-theirs").TextContentAsync(), StringComparison.Ordinal);
        Assert.Equal(theirs, await File.ReadAllTextAsync(file));
        await page.ScreenshotAsync("conflict");

        await p.GetByTestId("conflict-overwrite").ClickAsync();
        await p.GetByTestId("designer-message").Filter(new LocatorFilterOptions { HasText = "Saved" }).WaitForAsync();
        var saved = await File.ReadAllTextAsync(file);
        Assert.Contains("name: Mine", saved, StringComparison.Ordinal);
        Assert.Contains("message: one", saved, StringComparison.Ordinal);
        // Chromium logs every non-2xx answer as a console error; the one 409 is the conflict this test causes.
        page.AssertClean(expected: "status of 409 (Conflict) (http://127.0.0.1");
    }

    [Fact]
    public async Task Keyboard_ArrowsDeleteAndUndo_MoveBetweenNodesRemoveAndRestoreAStep()
    {
        server.WriteRunbook("keyboard.yaml", ThreeSteps.Replace("three-steps", "keyboard", StringComparison.Ordinal));
        await using var page = await browser.OpenAsync(server.BaseAddress, output);
        var p = page.Page;
        await SignInAsync(page, "/runbooks/keyboard", server.Keys["operator"]);
        await Node(p, "first").ClickAsync();

        await p.Keyboard.PressAsync("ArrowDown");
        Assert.Equal("second", await p.GetByTestId("step-panel").GetAttributeAsync("data-step-id"));
        await p.Keyboard.PressAsync("Delete");
        await Node(p, "second").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
        Assert.Equal(2, await p.GetByTestId("step-node").CountAsync());
        await p.Keyboard.PressAsync("Control+z");
        await Node(p, "second").WaitForAsync();
        await p.Keyboard.PressAsync("Control+y");
        await Node(p, "second").WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Detached });
        await p.Keyboard.PressAsync("Control+z");
        await Node(p, "second").WaitForAsync();

        // Copy and paste: a copy with a new id right after the selected step.
        await Node(p, "third").ClickAsync();
        await p.Keyboard.PressAsync("Control+c");
        await p.Keyboard.PressAsync("Control+v");
        await Node(p, "third_2").WaitForAsync();
        Assert.Contains("id: third_2", await YamlAsync(p), StringComparison.Ordinal);
        page.AssertClean();
    }

    [Fact]
    public async Task ViewerKey_OpensARunbook_SeesNoSaveRunOrPaletteDrag()
    {
        server.WriteRunbook("read-only.yaml", ThreeSteps.Replace("three-steps", "read-only", StringComparison.Ordinal));
        await using var page = await browser.OpenAsync(server.BaseAddress, output);
        var p = page.Page;
        await SignInAsync(page, "/", server.Keys["viewer"]);
        await p.Locator("[data-testid=runbook-row][data-name=read-only]").WaitForAsync();
        Assert.Equal(0, await p.GetByTestId("new-runbook").CountAsync());

        await p.Locator("[data-testid=runbook-row][data-name=read-only] a").First.ClickAsync();
        await Node(p, "first").WaitForAsync();
        Assert.Equal(0, await p.GetByTestId("save").CountAsync());
        Assert.Equal(0, await p.GetByTestId("run").CountAsync());
        Assert.Equal("false", await p.Locator("[data-testid=palette-item]").First.GetAttributeAsync("draggable"));
        Assert.True(await p.GetByTestId("runbook-name").GetAttributeAsync("readonly") is not null);
        page.AssertClean();
    }

    [Fact]
    public async Task EveryWorkflow_OpensInTheDesigner_WithEachStepAsANodeAndNoProblem()
    {
        var library = Path.Combine(RepositoryRoot.Path, "workflows");
        foreach (var source in Directory.GetFiles(library, "*.yaml", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(library, source);
            server.WriteRunbook(relative, await File.ReadAllTextAsync(source));
        }
        await using var page = await browser.OpenAsync(server.BaseAddress, output);
        var p = page.Page;
        await SignInAsync(page, "/", server.Keys["operator"]);
        foreach (var source in Directory.GetFiles(library, "*.yaml", SearchOption.TopDirectoryOnly))
        {
            var name = Path.GetFileNameWithoutExtension(source);
            var ids = System.Text.RegularExpressions.Regex.Matches(await File.ReadAllTextAsync(source), @"^\s*- id: ([a-z0-9_-]+)\s*$", System.Text.RegularExpressions.RegexOptions.Multiline)
                .Select(m => m.Groups[1].Value).ToList();
            await p.GotoAsync($"/runbooks/{name}");
            await WaitValidAsync(p);
            foreach (var id in ids)
            {
                Assert.True(await Node(p, id).CountAsync() == 1, $"{name}: no node for step {id}");
            }
            if (name == "incident-snapshot")
            {
                await page.ScreenshotAsync("incident-snapshot");
            }
            if (name == "restart-service-when-down")
            {
                await page.ScreenshotAsync("restart-service-when-down");
            }
        }
        page.AssertClean();
    }

    [Fact]
    public async Task UnsavedChanges_LeavingThroughTheApp_AsksFirstAndStaysWhenTheUserSaysNo()
    {
        server.WriteRunbook("unsaved.yaml", ThreeSteps.Replace("three-steps", "unsaved", StringComparison.Ordinal));
        await using var page = await browser.OpenAsync(server.BaseAddress, output);
        var p = page.Page;
        await SignInAsync(page, "/runbooks/unsaved", server.Keys["operator"]);
        await p.Locator(".react-flow__pane").ClickAsync(new LocatorClickOptions { Position = new Position { X = 20, Y = 20 } });
        // A list typed one item per line keeps the new line being typed (the model gets the items so far).
        await p.GetByTestId("targets-hosts").FillAsync("web-1\n");
        Assert.Equal("web-1\n", await p.GetByTestId("targets-hosts").InputValueAsync());
        await p.GetByTestId("unsaved").WaitForAsync();

        var asked = new List<string>();
        var accept = false;
        p.Dialog += async (_, dialog) =>
        {
            asked.Add(dialog.Message);
            if (accept)
            {
                await dialog.AcceptAsync();
            }
            else
            {
                await dialog.DismissAsync();
            }
        };
        await p.GetByTestId("nav-runs").ClickAsync();
        Assert.Single(asked);
        Assert.Contains("unsaved changes", asked[0], StringComparison.Ordinal);
        await p.GetByTestId("designer").WaitForAsync();
        Assert.EndsWith("/runbooks/unsaved", p.Url, StringComparison.Ordinal);

        accept = true;
        await p.GetByTestId("nav-runs").ClickAsync();
        await p.GetByTestId("run-history").WaitForAsync();
        Assert.Equal(2, asked.Count);
        page.AssertClean();
    }

    private sealed record RunbookAnswer(string Yaml, string ContentHash);
}
