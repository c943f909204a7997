using System.Diagnostics;
using System.Text.Json;
using Runbooks.Cli.Tests.TestSupport;

namespace Runbooks.Cli.Tests.Workflows;

/// <summary>workflows/incident-snapshot.yaml writing its archive into a temporary directory.</summary>
public sealed class IncidentSnapshotWorkflowTests : IDisposable
{
    private static readonly string Workflow = RepositoryRoot.Workflow("incident-snapshot.yaml");

    private readonly TempWorkDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Run_OutputDir_WritesTheArchiveWithTheLabelAndRemovesTheWorkingDirectory()
    {
        var outputDir = _dir["snapshots"];
        const string label = "INC-4211 api latency; rm -rf / $(id)";

        var result = await CliProcess.RunAsync(_dir, "run", Workflow, "-p", $"outputDir={outputDir}", "-p", $"label={label}", "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var root = JsonDocument.Parse(result.Stdout).RootElement;
        var runId = root.GetProperty("runId").GetString();
        var archive = Path.Combine(outputDir, $"incident-{runId}.tar.gz");
        Assert.Equal(archive, root.GetProperty("outputs").GetProperty("archive").GetString());
        Assert.Equal(new FileInfo(archive).Length, root.GetProperty("outputs").GetProperty("bytes").GetInt64());
        Assert.False(Directory.Exists(Path.Combine(outputDir, $"incident-{runId}")), "finally removes the working directory");
        var files = Tar("-tzf", archive).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (var name in new[] { "README.txt", "load.txt", "memory.txt", "disks.txt", "processes.txt", "sockets.txt" })
        {
            Assert.Contains($"incident-{runId}/{name}", files);
        }
        var readme = Tar("-xzOf", archive, $"incident-{runId}/README.txt");
        Assert.Contains($"label:   {label}\n", readme, StringComparison.Ordinal);
        Assert.Contains($"run:     {runId} (cli:{Environment.UserName})\n", readme, StringComparison.Ordinal);
    }

    private static string Tar(params string[] args)
    {
        var info = new ProcessStartInfo("tar") { RedirectStandardOutput = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        using var tar = Process.Start(info)!;
        var output = tar.StandardOutput.ReadToEnd();
        tar.WaitForExit();
        Assert.Equal(0, tar.ExitCode);
        return output;
    }
}
