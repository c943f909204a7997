using System.Diagnostics;
using System.Text.Json;
using Runbooks.Cli.Tests.TestSupport;

namespace Runbooks.Cli.Tests.Workflows;

/// <summary>
/// workflows/stale-process-cleanup.yaml against processes this test starts under a unique program name (a copy of
/// sleep, or a script that ignores SIGTERM), so no other process on the machine can match.
/// </summary>
public sealed class StaleProcessCleanupWorkflowTests : IDisposable
{
    private static readonly string Workflow = RepositoryRoot.Workflow("stale-process-cleanup.yaml");

    private readonly TempWorkDir _dir = new();
    private readonly string _name = $"rbstale{Random.Shared.Next(100_000, 999_999)}";
    private readonly List<Process> _started = [];

    public void Dispose()
    {
        foreach (var process in _started)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
            process.Dispose();
        }
        _dir.Dispose();
    }

    [Fact]
    public async Task Run_ProcessesThatObeyTerm_AreStoppedWithoutSigkill()
    {
        var program = _dir["bin/" + _name];
        Directory.CreateDirectory(_dir["bin"]);
        File.Copy("/bin/sleep", program);
        var first = StartProcess(program, "300");
        var second = StartProcess(program, "301");

        var result = await CliProcess.RunAsync(_dir, "run", Workflow,
            "-p", $"processName={_name}", "-p", "olderThanMinutes=0", "-p", "gracePeriod=500ms", "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(first.WaitForExit(2000) && second.WaitForExit(2000), "both processes are gone");
        var outputs = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("outputs");
        Assert.Equal(2, outputs.GetProperty("found").GetInt32());
        Assert.Equal(0, outputs.GetProperty("killedWithSigkill").GetInt32());
        Assert.Equal(
            new[] { first.Id, second.Id }.Order().Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            outputs.GetProperty("pids").EnumerateArray().Select(p => p.GetString()!).Order(StringComparer.Ordinal).OrderBy(p => p.Length));
    }

    [Fact]
    public async Task Run_ProcessThatIgnoresTerm_IsKilledAfterTheGracePeriod()
    {
        // A script's program name (comm) is its file name.
        var script = _dir.Write("bin/" + _name, "#!/bin/sh\ntrap '' TERM\nwhile :; do sleep 0.2; done\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var stubborn = StartProcess(script);
        await Task.Delay(300); // let the trap be set before the workflow signals

        var result = await CliProcess.RunAsync(_dir, "run", Workflow,
            "-p", $"processName={_name}", "-p", "olderThanMinutes=0", "-p", "gracePeriod=500ms", "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(stubborn.WaitForExit(2000), "the script is gone");
        var outputs = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("outputs");
        Assert.Equal(1, outputs.GetProperty("found").GetInt32());
        Assert.Equal(1, outputs.GetProperty("killedWithSigkill").GetInt32());
    }

    [Fact]
    public async Task Run_NoMatchingProcess_SucceedsDoingNothing()
    {
        var result = await CliProcess.RunAsync(_dir, "run", Workflow, "-p", $"processName={_name}", "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        var root = JsonDocument.Parse(result.Stdout).RootElement;
        Assert.Equal(0, root.GetProperty("outputs").GetProperty("found").GetInt32());
        Assert.Equal("skipped", root.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("path").GetString() == "signal").GetProperty("status").GetString());
    }

    private Process StartProcess(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        var process = Process.Start(info)!;
        _started.Add(process);
        return process;
    }
}
