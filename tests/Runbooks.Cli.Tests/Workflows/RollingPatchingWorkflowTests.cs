using Runbooks.Cli.Tests.TestSupport;
using Runbooks.Testing.Fakes;
using Runbooks.Testing.Ssh;

namespace Runbooks.Cli.Tests.Workflows;

/// <summary>
/// workflows/rolling-package-patching.yaml end to end on four real sshd hosts with fake apt-get/dpkg-query/dpkg that
/// keep a package database per host and record every call: batches of 25% one after another, security-only
/// upgrades, and the halt at the second failed host (maxErrors 1). The only edits to the workflow for the test: the
/// fleet's group name, and no five-minute pause between batches.
/// </summary>
public sealed class RollingPatchingWorkflowTests : IClassFixture<SshFleetFixture>, IDisposable
{
    private readonly SshFleetFixture _fleet;
    private readonly TempWorkDir _dir = new();
    private readonly string _workflow;

    public RollingPatchingWorkflowTests(SshFleetFixture fleet)
    {
        _fleet = fleet;
        _fleet.ResetFakes();
        foreach (var fakes in _fleet.Fakes)
        {
            PackageFakes.AddAll(fakes);
        }
        _fleet.AddFake("dpkg", "exit 0");
        _fleet.AddFake("systemctl", ServiceFakes.Systemctl);
        _dir.Write("inventory.yaml", _fleet.InventoryYaml());
        var text = File.ReadAllText(RepositoryRoot.Workflow("rolling-package-patching.yaml"));
        _workflow = _dir.Write("patching.yaml", text
            .Replace("groups: [debian-web]", "groups: [web]", StringComparison.Ordinal)
            .Replace("pauseBetweenBatches: 5m", "pauseBetweenBatches: 0s", StringComparison.Ordinal));
        for (var host = 0; host < _fleet.Fakes.Count; host++)
        {
            Package(host, "openssl", "3.0.11-1~deb12u1", "3.0.11-1~deb12u2", "Debian-Security:12/stable-security");
            Package(host, "vim", "2:9.0.1378-2", "2:9.0.1378-2+deb12u1", "Debian:12.5/stable");
        }
    }

    public void Dispose() => _dir.Dispose();

    private void Package(int host, string name, string installed, string candidate, string suite)
    {
        var dir = Directory.CreateDirectory(Path.Combine(_fleet.Fakes[host].StateDirectory, "pkg", name)).FullName;
        File.WriteAllText(Path.Combine(dir, "installed"), installed);
        File.WriteAllText(Path.Combine(dir, "candidate"), candidate);
        File.WriteAllText(Path.Combine(dir, "suite"), suite);
    }

    private string Installed(int host, string name) =>
        File.ReadAllText(Path.Combine(_fleet.Fakes[host].StateDirectory, "pkg", name, "installed")).Trim();

    private IReadOnlyList<FakeCall> Upgrades() =>
        [.. _fleet.Calls().Where(c => c.Command == "apt-get" && (c.Args.Contains("install") || (c.Args.Contains("upgrade") && !c.Args.Contains("-s"))))];

    [Fact]
    public async Task Run_SecurityOnly_UpgradesOnlyTheSecurityPackageOnEveryHostBatchByBatch()
    {
        var result = await CliProcess.RunAsync(_dir, "run", _workflow, "-p", "minFreeMb=1");

        Assert.True(result.ExitCode == 0, result.ToString());
        var upgrades = Upgrades();
        // Batches of one host each, in rollout order, and only openssl (the -security candidate) is touched.
        Assert.Equal(["web-1", "web-2", "web-3", "web-4"], upgrades.Select(c => c.Host));
        Assert.All(upgrades, c => Assert.Equal(["openssl"], c.Args.SkipWhile(a => a != "--").Skip(1)));
        Assert.All(upgrades, c => Assert.Contains("--only-upgrade", c.Args));
        for (var host = 0; host < 4; host++)
        {
            Assert.Equal(("3.0.11-1~deb12u2", "2:9.0.1378-2"), (Installed(host, "openssl"), Installed(host, "vim")));
        }
    }

    [Fact]
    public async Task Run_SecondHostFailing_HaltsTheRolloutAndTheLastHostIsNeverTouched()
    {
        File.WriteAllText(Path.Combine(_fleet.Fakes[1].StateDirectory, "fail-upgrade"), "");
        File.WriteAllText(Path.Combine(_fleet.Fakes[2].StateDirectory, "fail-upgrade"), "");

        var result = await CliProcess.RunAsync(_dir, "run", _workflow, "-p", "minFreeMb=1", "-p", "securityOnly=false");

        Assert.Equal(1, result.ExitCode);
        // web-2 failing is tolerated (maxErrors 1); web-3 is the second failure: the rollout halts, web-4 never starts.
        Assert.Equal(["web-1", "web-2", "web-3"], Upgrades().Select(c => c.Host));
        Assert.DoesNotContain(_fleet.Calls(), c => c.Host == "web-4");
        Assert.Contains("Halted: the rollout halted at failed host 2 (web-3)", result.Stdout, StringComparison.Ordinal);
    }
}
