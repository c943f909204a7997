namespace Runbooks.Cli.Tests.Designer;

/// <summary>
/// Where the browser tests leave screenshots: <c>$RUNBOOKS_TEST_ARTIFACTS/designer/&lt;test&gt;/</c>, else
/// <c>TestResults/designer/&lt;test&gt;/</c> under the test project's output folder. Each test's folder starts empty.
/// </summary>
internal static class TestArtifacts
{
    public static string Root => Path.Combine(
        Environment.GetEnvironmentVariable("RUNBOOKS_TEST_ARTIFACTS") is { Length: > 0 } root ? root : Path.Combine(AppContext.BaseDirectory, "TestResults"),
        "designer");

    /// <summary>The emptied folder of one test.</summary>
    public static string For(string test)
    {
        var folder = Path.Combine(Root, string.Concat(test.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_')));
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
        Directory.CreateDirectory(folder);
        return folder;
    }
}
