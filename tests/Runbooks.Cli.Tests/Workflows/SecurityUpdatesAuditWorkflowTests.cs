using System.Text.Json;
using Runbooks.Cli.Tests.TestSupport;
using Runbooks.Testing.Fakes;
using Runbooks.Testing.Ssh;

namespace Runbooks.Cli.Tests.Workflows;

/// <summary>
/// workflows/security-updates-audit.yaml end to end on four real sshd hosts with fake apt-get/dpkg-query keeping a
/// package database per host, then <c>runbooks report</c>: a host with a pending security update fails its check,
/// one with only a regular update passes, and nothing is installed. The only edit: the fleet's group name.
/// </summary>
public sealed class SecurityUpdatesAuditWorkflowTests : IClassFixture<SshFleetFixture>, IDisposable
{
    private readonly SshFleetFixture _fleet;
    private readonly TempWorkDir _dir = new();
    private readonly string _workflow;

    public SecurityUpdatesAuditWorkflowTests(SshFleetFixture fleet)
    {
        _fleet = fleet;
        _fleet.ResetFakes();
        foreach (var fakes in _fleet.Fakes)
        {
            PackageFakes.AddAll(fakes);
        }
        _dir.Write("inventory.yaml", _fleet.InventoryYaml());
        _workflow = _dir.Write("security-audit.yaml", File.ReadAllText(RepositoryRoot.Workflow("security-updates-audit.yaml"))
            .Replace("groups: [linux]", "groups: [web]", StringComparison.Ordinal));
        Package(1, "openssl", "3.0.11-1~deb12u1", "3.0.11-1~deb12u2", "Debian-Security:12/stable-security");
        Package(1, "libssl3", "3.0.11-1~deb12u1", "3.0.11-1~deb12u2", "Debian-Security:12/stable-security");
        Package(2, "vim", "2:9.0.1378-2", "2:9.0.1378-2+deb12u1", "Debian:12.5/stable");
    }

    public void Dispose() => _dir.Dispose();

    private void Package(int host, string name, string installed, string candidate, string suite)
    {
        var dir = Directory.CreateDirectory(Path.Combine(_fleet.Fakes[host].StateDirectory, "pkg", name)).FullName;
        File.WriteAllText(Path.Combine(dir, "installed"), installed);
        File.WriteAllText(Path.Combine(dir, "candidate"), candidate);
        File.WriteAllText(Path.Combine(dir, "suite"), suite);
    }

    [Fact]
    public async Task Report_HostWithPendingSecurityUpdates_FailsOnlyThatHost()
    {
        var run = await CliProcess.RunAsync(_dir, "run", _workflow, "-o", "json");
        Assert.True(run.ExitCode == 0, run.ToString());
        using var runJson = JsonDocument.Parse(run.Stdout);

        var report = await CliProcess.RunAsync(_dir, "report", runJson.RootElement.GetProperty("runId").GetString()!, "-f", "json");

        Assert.True(report.ExitCode == 5, report.ToString());
        using var json = JsonDocument.Parse(report.Stdout);
        var hosts = json.RootElement.GetProperty("hosts").EnumerateArray().ToList();
        Assert.Equal(["web-2", "web-1", "web-3", "web-4"], hosts.Select(h => h.GetProperty("target").GetString()));
        var failed = hosts[0].GetProperty("findings")[0];
        Assert.Equal(("pending security updates", "fail", "high", 2), (failed.GetProperty("check").GetString(), failed.GetProperty("result").GetString(),
            failed.GetProperty("severity").GetString(), failed.GetProperty("actual").GetInt32()));
        Assert.StartsWith("install libssl3, openssl", failed.GetProperty("remediation").GetString(), StringComparison.Ordinal);
        Assert.All(hosts.Skip(1), h => Assert.Equal("compliant", h.GetProperty("status").GetString()));
        Assert.All(hosts, h => Assert.Equal(2, h.GetProperty("findings").GetArrayLength()));
        // An audit changes nothing: no install or upgrade ran anywhere.
        Assert.DoesNotContain(_fleet.Calls(), c => c.Command == "apt-get" && (c.Args.Contains("install") || (c.Args.Contains("upgrade") && !c.Args.Contains("-s"))));
    }
}
