using Runbooks.Cli.Hosting;
using Runbooks.Cli.Tests.TestSupport;

namespace Runbooks.Cli.Tests.Workflows;

/// <summary>Every runbook under workflows/ loads without a single diagnostic, in-process and through the CLI.</summary>
public sealed class WorkflowLibraryTests : IDisposable
{
    private readonly TempWorkDir _dir = new();

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(RepositoryRoot.Workflows, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(RepositoryRoot.Workflows, f))
            .Order(StringComparer.Ordinal))
        {
            data.Add(file);
        }
        return data;
    }

    public void Dispose() => _dir.Dispose();

    [Theory]
    [MemberData(nameof(Files))]
    public void LoadFile_Workflow_IsValid(string file)
    {
        // The CLI's own composition root: the same actions and template limits `runbooks validate` uses.
        using var host = new CliHost(null);

        var result = host.Loader.LoadFile(RepositoryRoot.Workflow(file));

        Assert.True(result.IsValid, string.Join('\n', result.Diagnostics));
        Assert.Empty(result.Diagnostics);
        Assert.Equal(Path.GetFileNameWithoutExtension(file), result.Runbook!.Name);
    }

    [Fact]
    public void Files_WorkflowsFolder_HoldsTheLibrary()
    {
        Assert.True(Files().Count >= 5, $"expected the workflow library in {RepositoryRoot.Workflows}");
    }

    [Fact]
    public async Task Validate_WorkflowsFolder_ExitsZero()
    {
        var result = await CliProcess.RunAsync(_dir, "validate", RepositoryRoot.Workflows);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal($"{Files().Count} runbook(s) valid", result.StdoutLines[^1]);
        Assert.All(result.StdoutLines.SkipLast(1), line => Assert.StartsWith("ok       ", line, StringComparison.Ordinal));
    }
}
