using System.Text.Json;
using Runbooks.Cli.Tests.TestSupport;
using static Runbooks.Cli.Tests.TestSupport.LinePattern;

namespace Runbooks.Cli.Tests.Workflows;

/// <summary>workflows/disk-space-cleanup.yaml against a temporary directory with files made old by their timestamps.</summary>
public sealed class DiskSpaceCleanupWorkflowTests : IDisposable
{
    private static readonly string Workflow = RepositoryRoot.Workflow("disk-space-cleanup.yaml");

    private readonly TempWorkDir _dir = new();

    public DiskSpaceCleanupWorkflowTests()
    {
        Create("data/app.log", daysOld: 30, bytes: 64 * 1024);
        Create("data/nested/app.log.1", daysOld: 20, bytes: 8 * 1024);
        Create("data/today.log", daysOld: 1, bytes: 1024);
        Create("data/old-but-not-a-log.txt", daysOld: 30, bytes: 1024);
    }

    private string Data => _dir["data"];

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Run_Forced_DeletesOldMatchingFilesAtAnyDepthAndKeepsTheRest()
    {
        var result = await CliProcess.RunAsync(_dir, "run", Workflow, "-p", $"directory={Data}", "-p", "force=true", "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["data/old-but-not-a-log.txt", "data/today.log"], RemainingFiles());
        var outputs = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("outputs");
        Assert.True(outputs.GetProperty("cleaned").GetBoolean());
        Assert.Equal(2, outputs.GetProperty("deletedFiles").GetInt32());
        Assert.True(outputs.GetProperty("freedKb").GetInt32() >= 64, outputs.ToString());
        Assert.Contains(result.Timeline, line => line.StartsWith($"INF {Data}: 2 file(s) deleted, ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_BelowThreshold_DeletesNothing()
    {
        var result = await CliProcess.RunAsync(_dir, "run", Workflow, "-p", $"directory={Data}", "-p", "threshold=100");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(4, RemainingFiles().Count);
        AssertContainsInOrder(result.StdoutLines,
            "  candidates    shell   skipped    0      <dur>condition is false: params.force || steps.usage_before.outputs.percent >= params.threshold",
            "  delete        shell   skipped    0      <dur>condition is false: steps.candidates.status != \"skipped\" && steps.candidates.outputs.count > 0",
            "Outputs:",
            "  cleaned: false",
            "  deletedFiles: 0");
    }

    [Fact]
    public async Task Run_MoreFilesThanMaxFiles_FailsBeforeDeleting()
    {
        var result = await CliProcess.RunAsync(_dir, "run", Workflow, "-p", $"directory={Data}", "-p", "force=true", "-p", "maxFiles=1");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(4, RemainingFiles().Count);
        Assert.Contains("Error: step 'within_limit' failed: 2 files match, more than maxFiles (1); check namePattern and olderThanDays, or raise maxFiles", result.StdoutLines);
    }

    [Fact]
    public async Task Run_DryRun_DeletesNothing()
    {
        var result = await CliProcess.RunAsync(_dir, "run", Workflow, "-p", $"directory={Data}", "-p", "force=true", "--dry-run");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(4, RemainingFiles().Count);
        Assert.Contains(result.StdoutLines, line => line.StartsWith("  delete        shell   planned  run script with /bin/sh", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_SystemDirectory_IsRefusedByTheGuard()
    {
        // Belt and braces should the guard ever break: nothing in /etc matches this name, and no disk is 100% full.
        var result = await CliProcess.RunAsync(_dir, "run", Workflow,
            "-p", "directory=/etc", "-p", "namePattern=runbooks-test-matches-nothing", "-p", "threshold=100");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("Error: step 'guard' failed: refusing to clean /etc: it is a system directory; point the runbook at an application directory", result.StdoutLines);
        Assert.DoesNotContain(result.Timeline, line => line.Contains("usage_before started", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_RelativeDirectory_IsRefusedByThePattern()
    {
        var result = await CliProcess.RunAsync(_dir, "run", Workflow, "-p", "directory=data; rm -rf /");

        Assert.True(result.ExitCode == 1, result.ToString());
        AssertLines(result.StdoutLines,
            "error: the parameters do not fit the runbook; nothing ran",
            $"  {Workflow}:17:3: error RB0401 at parameters.directory: parameter 'directory': 'data; rm -rf /' does not match the pattern /[A-Za-z0-9._/-]+ (the whole value must match)");
    }

    private void Create(string relative, int daysOld, int bytes)
    {
        var path = _dir.Write(relative, new string('x', bytes));
        File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddDays(-daysOld));
    }

    private List<string> RemainingFiles() =>
        [.. Directory.EnumerateFiles(Data, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(_dir.Path, f))
            .Order(StringComparer.Ordinal)];
}
