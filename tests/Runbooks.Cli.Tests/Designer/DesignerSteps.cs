using Microsoft.Playwright;

namespace Runbooks.Cli.Tests.Designer;

/// <summary>The designer's moves that every end-to-end test repeats, by the app's <c>data-testid</c>s.</summary>
internal static class DesignerSteps
{
    /// <summary>Opens <paramref name="path"/>, signs in with <paramref name="key"/> and waits for the app behind the sign-in.</summary>
    public static async Task SignInAsync(BrowserPage page, string path, string key)
    {
        await page.GotoAsync(path);
        await page.Page.GetByTestId("api-key").FillAsync(key);
        await page.Page.GetByTestId("signin-submit").ClickAsync();
        await page.Page.GetByTestId("whoami").WaitForAsync();
    }

    public static ILocator Node(IPage page, string stepId) => page.Locator($"[data-testid=step-node][data-step-id='{stepId}'], [data-testid=group-node][data-step-id='{stepId}']");

    /// <summary>Drags a palette item onto <paramref name="target"/> (a node, or the canvas's empty pane).</summary>
    public static async Task DragAsync(IPage page, string item, ILocator target, TargetPosition? at = null)
    {
        await page.Locator($"[data-testid=palette-item][data-item='{item}']").DragToAsync(target, new LocatorDragToOptions { TargetPosition = at });
    }

    /// <summary>The server's validation has answered for the current text and found nothing.</summary>
    public static Task WaitValidAsync(IPage page) => page.GetByTestId("validation-ok").WaitForAsync();

    /// <summary>The text of the YAML panel (opening its tab).</summary>
    public static async Task<string> YamlAsync(IPage page)
    {
        await page.GetByTestId("tab-yaml").ClickAsync();
        return await page.GetByTestId("yaml-editor").InputValueAsync();
    }
}
