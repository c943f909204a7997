namespace Runbooks.Cli.Tests.TestSupport;

/// <summary>The repository checkout the tests run from, found by walking up to Runbooks.sln.</summary>
internal static class RepositoryRoot
{
    public static string Path { get; } = Find();

    public static string Workflows => System.IO.Path.Combine(Path, "workflows");

    public static string Workflow(string name) => System.IO.Path.Combine(Workflows, name);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Runbooks.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"Runbooks.sln not found above {AppContext.BaseDirectory}; run the tests from a checkout of the repository");
    }
}
