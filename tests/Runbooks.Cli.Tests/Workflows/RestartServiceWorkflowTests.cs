using System.Text.Json;
using Runbooks.Cli.Tests.TestSupport;
using Runbooks.Testing.Fakes;
using Runbooks.Testing.Ssh;

namespace Runbooks.Cli.Tests.Workflows;

/// <summary>
/// workflows/restart-service-when-down.yaml end to end over SSH: real sshd hosts (web-1 … web-4) whose systemctl and
/// journalctl are fakes that keep each unit's state and record every call, so the ledger shows exactly what ran where.
/// </summary>
public sealed class RestartServiceWorkflowTests : IClassFixture<SshFleetFixture>, IDisposable
{
    private static readonly string Workflow = RepositoryRoot.Workflow("restart-service-when-down.yaml");

    private readonly SshFleetFixture _fleet;
    private readonly TempWorkDir _dir = new();

    public RestartServiceWorkflowTests(SshFleetFixture fleet)
    {
        _fleet = fleet;
        _fleet.ResetFakes();
        _fleet.AddFake("systemctl", ServiceFakes.Systemctl);
        _fleet.AddFake("journalctl", "echo \"-- journal of $2 --\"");
        _dir.Write("inventory.yaml", _fleet.InventoryYaml());
    }

    public void Dispose() => _dir.Dispose();

    private void Unit(int host, string name, string active, params string[] flags)
    {
        var unit = Directory.CreateDirectory(Path.Combine(_fleet.Fakes[host].StateDirectory, "units", name)).FullName;
        File.WriteAllText(Path.Combine(unit, "active"), active);
        File.WriteAllText(Path.Combine(unit, "enabled"), "enabled");
        foreach (var flag in flags)
        {
            File.WriteAllText(Path.Combine(unit, flag), "");
        }
    }

    private IReadOnlyList<string> Acts(string host) =>
        [.. _fleet.Calls().Where(c => c.Host == host && c.Command == "systemctl" && c.Args[0] is "restart" or "start" or "stop").Select(c => c.Line)];

    [Fact]
    public async Task Run_ServiceDown_RestartsItOnceOnThatHostOnly()
    {
        Unit(1, "nginx", "inactive");
        const string host = "web-2";

        var result = await CliProcess.RunAsync(_dir, "run", Workflow, "-p", "host=web-2", "-p", "service=nginx", "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["systemctl restart -- nginx"], Acts("web-2"));
        Assert.DoesNotContain(_fleet.Calls(), c => c.Host != "web-2");
        Assert.Contains(_fleet.Calls(), c => c.Host == "web-2" && c.Line == "journalctl --unit nginx --lines 100 --no-pager --output short-iso");
        var outputs = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("outputs").GetProperty(host);
        Assert.False(outputs.GetProperty("wasActive").GetBoolean());
        Assert.True(outputs.GetProperty("restarted").GetBoolean());
        Assert.Equal(4242, outputs.GetProperty("mainPid").GetInt32());
        Assert.Equal("active\n", File.ReadAllText(Path.Combine(_fleet.Fakes[1].StateDirectory, "units", "nginx", "active")));
    }

    [Fact]
    public async Task Run_ServiceActive_ChangesNothing()
    {
        Unit(0, "nginx", "active");
        const string host = "web-1";

        var result = await CliProcess.RunAsync(_dir, "run", Workflow, "-p", "host=web-1", "-p", "service=nginx", "-o", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Empty(Acts("web-1"));
        Assert.DoesNotContain(_fleet.Calls(), c => c.Command == "journalctl");
        var outputs = JsonDocument.Parse(result.Stdout).RootElement.GetProperty("outputs").GetProperty(host);
        Assert.True(outputs.GetProperty("wasActive").GetBoolean());
        Assert.False(outputs.GetProperty("restarted").GetBoolean());
    }

    [Fact]
    public async Task Run_RestartRefusedTwice_FailsAfterExactlyTwoRestartsAndEscalates()
    {
        Unit(2, "nginx", "failed", "broken");

        var result = await CliProcess.RunAsync(_dir, "run", Workflow, "-p", "host=web-3", "-p", "service=nginx");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal(["systemctl restart -- nginx", "systemctl restart -- nginx"], Acts("web-3"));
        // The page runs (and, with no webhook secret configured here, fails without hiding the original failure).
        Assert.Matches(@"(?m)^  web-3\s+onFailure/page\s+runbook\s", result.Stdout);
        Assert.Contains("Job for nginx.service failed", result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_UnknownService_StopsAtTheAssertWithoutActing()
    {
        var result = await CliProcess.RunAsync(_dir, "run", Workflow, "-p", "host=web-4", "-p", "service=nginx");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Empty(Acts("web-4"));
        Assert.Contains("nginx is not a service on web-4; check the alert's labels", result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_HostileServiceParameter_IsRefusedBeforeAnythingConnects()
    {
        var result = await CliProcess.RunAsync(_dir, "run", Workflow, "-p", "host=web-1", "-p", "service=nginx; touch /tmp/pwned");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("parameter 'service': 'nginx; touch /tmp/pwned' does not match the pattern", result.Stdout, StringComparison.Ordinal);
        Assert.Empty(_fleet.Calls());
    }
}
