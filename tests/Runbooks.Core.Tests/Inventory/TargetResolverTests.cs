using Runbooks.Core.Journal;
using Runbooks.Core.Engine;
using Runbooks.Core.Inventory;
using Runbooks.Core.Model;
using Runbooks.Core.Tests.Engine;

namespace Runbooks.Core.Tests.Inventory;

public sealed class TargetResolverTests
{
    private static readonly InventoryDefinition Inventory =
        InventoryLoader.LoadText(File.ReadAllText(Path.Combine(InventoryLoaderTests.RepoRoot(), "docs", "inventory.example.yaml")), "inventory.yaml").Inventory!;

    [Fact]
    public void Resolve_HostsGroupsAndSelector_UnionInInventoryOrder()
    {
        var targets = new TargetsDefinition { Groups = ["db"], Selector = "role=api" };
        var (hosts, problems) = TargetResolver.Resolve(targets, ["web-2"], Inventory);
        Assert.Empty(problems);
        Assert.Equal(["web-2", "api-1", "db-1"], hosts.Select(h => h.Name));
    }

    [Fact]
    public void Resolve_UnknownHost_IsAnErrorNamingTheClosestHost()
    {
        var (_, problems) = TargetResolver.Resolve(new TargetsDefinition(), ["web-9"], Inventory);
        Assert.Equal("host 'web-9' is not in the inventory (inventory.yaml) (did you mean 'web-1'?); nothing connects to a host the inventory does not list", Assert.Single(problems).Message);
    }

    [Fact]
    public void Resolve_SelectorMatchingNothing_IsAnError()
    {
        var (_, problems) = TargetResolver.Resolve(new TargetsDefinition { Selector = "env=qa" }, [], Inventory);
        Assert.Equal("the targets select no host of the inventory (inventory.yaml); check hosts, groups and selector", Assert.Single(problems).Message);
    }

    [Fact]
    public async Task RunAsync_RemoteTargetFromParameterNotInInventory_FailsBeforeAnythingRuns()
    {
        using var h = new EngineHarness();
        var engine = new RunEngine(new EngineServices
        {
            Actions = h.Actions, Templates = h.Templates, Journal = h.Journal, Executors = new Transports.Local.LocalExecutorFactory(),
            Loader = h.Loader, Inventory = Inventory,
        });
        var runbook = h.Load("""
            name: remote
            parameters: { host: { type: string, required: true } }
            targets: { hosts: ["{{ params.host }}"] }
            steps:
              - { id: a, action: probe }
            """);
        var unknown = await Assert.ThrowsAsync<Core.Diagnostics.RunbookValidationException>(() => engine.RunAsync(
            new RunRequest { Runbook = runbook, Parameters = new Dictionary<string, object?> { ["host"] = "evil.example.com" } }, CancellationToken.None));
        Assert.StartsWith("host 'evil.example.com' is not in the inventory", Assert.Single(unknown.Diagnostics).Message, StringComparison.Ordinal);
        Assert.Empty(h.Journal.Entries);
        // A known host resolves; with no executor for SSH hosts it fails clearly, and nothing runs.
        var known = await engine.RunAsync(
            new RunRequest { Runbook = runbook, Parameters = new Dictionary<string, object?> { ["host"] = "web-1" } }, CancellationToken.None);
        Assert.Equal(RunStatus.Failed, known.Status);
        Assert.Contains("web-1 (target 'web-1' uses transport 'ssh'", known.Error, StringComparison.Ordinal);
        Assert.Empty(h.Probe.Calls);
    }

    [Fact]
    public void LoadText_RunbookWithMalformedSelector_ReportsRB0506()
    {
        using var h = new EngineHarness();
        var problems = h.Loader.LoadText("""
            name: sel
            targets: { selector: "env=prod;x" }
            steps:
              - { id: a, action: probe }
            """, "rb.yaml").Diagnostics;
        Assert.Equal("RB0506", Assert.Single(problems).Code);
    }
}

public sealed class RemotePlanTests
{
    private static readonly InventoryDefinition Inventory =
        InventoryLoader.LoadText(File.ReadAllText(Path.Combine(InventoryLoaderTests.RepoRoot(), "docs", "inventory.example.yaml")), "inventory.yaml").Inventory!;

    [Fact]
    public async Task RunAsync_DryRunOnRemoteTargets_PlansEveryHostInRolloutOrderWithoutConnecting()
    {
        using var h = new EngineHarness();
        var engine = new RunEngine(new EngineServices
        {
            Actions = h.Actions, Templates = h.Templates, Journal = h.Journal, Executors = new Transports.Local.LocalExecutorFactory(),
            Loader = h.Loader, Inventory = Inventory,
        });
        var runbook = h.Load("""
            name: fleet
            targets: { groups: [web], strategy: { batch: 2, maxErrors: "1" } }
            steps:
              - { id: status, action: shell, with: { argv: [systemctl, is-active, nginx] } }
              - { id: say, action: log, with: { message: "{{ target.name }} at {{ target.address }}" } }
            """);
        var plan = await engine.RunAsync(new RunRequest { Runbook = runbook, DryRun = true }, CancellationToken.None);
        Assert.Equal(RunStatus.Succeeded, plan.Status);
        Assert.Equal(["web-1", "web-1", "web-2", "web-2", "web-3", "web-3"], plan.Steps.Select(s => s.Target));
        Assert.Equal("log (info): web-3 at 10.0.1.13", plan.Steps[^1].Plan);
        Assert.StartsWith("3 host(s) in 2 batch(es), 1 at a time; 1 failed host(s) are tolerated; the 2nd failure halts", plan.Rollout, StringComparison.Ordinal);
        Assert.All(plan.Steps, s => Assert.Equal(StepStatus.Planned, s.Status));
    }
}
