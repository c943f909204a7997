using Runbooks.Cli.Hosting;
using Runbooks.Cli.Output;
using Runbooks.Cli.Tests.TestSupport;

namespace Runbooks.Cli.Tests.Output;

public sealed class ActionsMarkdownTests
{
    [Fact]
    public void Write_CommittedDocsActions_IsUpToDate()
    {
        using var host = new CliHost(null);
        var committed = File.ReadAllText(Path.Combine(RepositoryRoot.Path, "docs", "actions.md"));
        Assert.True(committed == ActionsMarkdown.Write(host.Actions),
            "docs/actions.md is stale: regenerate it with `dotnet run --project src/Runbooks.Cli -- actions --output markdown > docs/actions.md`");
    }

    [Fact]
    public void Write_EveryAction_HasASectionWithItsInputs()
    {
        using var host = new CliHost(null);
        var markdown = ActionsMarkdown.Write(host.Actions);
        Assert.All(host.Actions.All, action =>
        {
            Assert.Contains($"\n## {action.Descriptor.Name}\n", markdown, StringComparison.Ordinal);
            Assert.All(action.Descriptor.Inputs.Fields, field => Assert.Contains($"| `{field.Name}` |", markdown, StringComparison.Ordinal));
        });
    }
}
