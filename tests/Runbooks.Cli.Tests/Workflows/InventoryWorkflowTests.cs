using Runbooks.Cli.Tests.TestSupport;
using static Runbooks.Cli.Tests.TestSupport.LinePattern;

namespace Runbooks.Cli.Tests.Workflows;

/// <summary>The fleet workflows validate today but are refused before anything runs until an inventory exists.</summary>
public sealed class InventoryWorkflowTests : IDisposable
{
    private readonly TempWorkDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Theory]
    [InlineData("rolling-package-patching.yaml", 50)]
    [InlineData("restart-service-when-down.yaml", 41, "-p", "host=web-03", "-p", "service=nginx")]
    public async Task Run_HostsOrGroupsWithoutInventory_IsRefusedBeforeAnythingRuns(string workflow, int targetsLine, params string[] parameters)
    {
        var file = RepositoryRoot.Workflow(workflow);

        var result = await CliProcess.RunAsync(_dir, ["run", file, "--dry-run", .. parameters]);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("", result.Stdout);
        AssertLines(result.Timeline,
            $"error: {file}:{targetsLine}:3: targets: hosts, groups and selectors resolve against an inventory, and none is configured (Runbooks:Inventory in appsettings.json); use targets: local to run on this machine");
    }
}
