using Runbooks.Core.Engine;
using Runbooks.Core.Execution;
using Runbooks.Core.Inventory;
using Runbooks.Core.Journal;
using Runbooks.Core.Tests.Engine;

namespace Runbooks.Core.Tests.Rollout;

/// <summary>
/// The rollout's dispatch rules on the engine, with the probe action standing for each host's work (the same rules
/// are proven over real sshd hosts in Runbooks.Transports.Tests). Hosts carry labels saying whether they fail and how
/// long they hold.
/// </summary>
public sealed class RolloutRunnerTests
{
    private static EngineHarness Harness(params (string Name, bool Fails, int HoldMs)[] hosts)
    {
        var yaml = "groups:\n  fleet: {}\nhosts:\n" + string.Concat(hosts.Select(h =>
            $"  {h.Name}: {{ address: 192.0.2.1, groups: [fleet], labels: {{ fail: \"{(h.Fails ? 1 : 0)}\", hold: \"{h.HoldMs}\" }} }}\n"));
        var (inventory, problems) = InventoryLoader.LoadText(yaml, "inventory.yaml");
        Assert.Empty(problems);
        return new EngineHarness(inventory: inventory, executors: new NamedTargets());
    }

    private static string Runbook(string strategy) => $$$"""
        name: fleet
        targets:
          groups: [fleet]
          strategy: { {{{strategy}}} }
        steps:
          - id: work
            action: probe
            with: { key: "{{ target.name }}", failTimes: "{{ target.labels.fail }}", holdMs: "{{ target.labels.hold }}" }
        """;

    private static (string, bool, int)[] Hosts(int count, int holdMs = 0, params string[] failing) =>
        [.. Enumerable.Range(1, count).Select(i => ($"h{i}", failing.Contains($"h{i}"), holdMs))];

    [Fact]
    public async Task RunAsync_Concurrency_NeverExceedsTheBoundAndReachesIt()
    {
        using var h = Harness(Hosts(8, holdMs: 150));
        var result = await h.RunAsync(Runbook("concurrency: 3"));
        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal(3, h.Probe.MaxConcurrent);
        Assert.Equal(8, h.Probe.Calls.Count);
        Assert.All(result.Targets, t => Assert.Equal(StepStatus.Succeeded, t.Status));
        Assert.Equal(["h1", "h2", "h3", "h4", "h5", "h6", "h7", "h8"], result.Targets.Select(t => t.Target));
    }

    [Fact]
    public async Task RunAsync_MaxErrorsOne_SecondFailureHaltsAndTheRestAreSkipped()
    {
        using var h = Harness(Hosts(6, 0, "h2", "h4", "h5"));
        var result = await h.RunAsync(Runbook("concurrency: 1, maxErrors: 1"));
        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Equal(["h1", "h2", "h3", "h4"], h.Probe.Calls);
        Assert.Equal(
            [StepStatus.Succeeded, StepStatus.Failed, StepStatus.Succeeded, StepStatus.Failed, StepStatus.Skipped, StepStatus.Skipped],
            result.Targets.Select(t => t.Status));
        Assert.Equal("the rollout halted at failed host 2 (h4): maxErrors is 1; hosts already running finished, the rest were skipped", result.Halted);
        Assert.Equal($"not started: {result.Halted}", result.Targets[4].Error);
        Assert.StartsWith("2 of 6 host(s) failed: h2 (step 'work' failed: probe h2 failing (1 left)), h4 (", result.Error, StringComparison.Ordinal);
        // Every host × every step is in the result, skipped ones included.
        Assert.Equal(["h1", "h2", "h3", "h4", "h5", "h6"], result.Steps.Select(s => s.Target).Order(StringComparer.Ordinal));
        Assert.Equal(2, h.Journal.Entries.Count(e => e.Kind == JournalEntryKind.StepSkipped));
    }

    [Fact]
    public async Task RunAsync_FailureWhileOthersRun_InFlightHostsFinishAndNoNewHostStarts()
    {
        using var h = Harness(("h1", true, 0), ("h2", false, 400), ("h3", false, 0), ("h4", false, 0));
        var result = await h.RunAsync(Runbook("concurrency: 2"));
        Assert.Equal(["h1", "h2"], h.Probe.Calls.Order(StringComparer.Ordinal));
        Assert.Equal([StepStatus.Failed, StepStatus.Succeeded, StepStatus.Skipped, StepStatus.Skipped], result.Targets.Select(t => t.Status));
        Assert.Equal(RunStatus.Failed, result.Status);
    }

    [Fact]
    public async Task RunAsync_PercentMaxErrors_RoundsDown()
    {
        // 25% of 8 hosts tolerates 2 failures: the 3rd (h3) halts; h4… never start.
        using var h = Harness(Hosts(8, 0, "h1", "h2", "h3", "h4"));
        var result = await h.RunAsync(Runbook("concurrency: 1, maxErrors: 25%"));
        Assert.Equal(["h1", "h2", "h3"], h.Probe.Calls);
        Assert.Contains("halted at failed host 3 (h3): maxErrors is 2", result.Halted, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_ToleratedFailures_RollOnButTheRunFails()
    {
        using var h = Harness(Hosts(4, 0, "h2"));
        var result = await h.RunAsync(Runbook("concurrency: 2, maxErrors: 1"));
        Assert.Equal(4, h.Probe.Calls.Count);
        Assert.Null(result.Halted);
        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.StartsWith("1 of 4 host(s) failed: h2 (", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_HealthCheckAfterBatchFails_LaterBatchesAreSkipped()
    {
        using var h = Harness(Hosts(6));
        var result = await h.RunAsync("""
            name: fleet
            targets:
              groups: [fleet]
              strategy:
                batch: 2
                concurrency: 2
                healthCheck:
                  - id: healthy
                    action: probe
                    with: { key: "check {{ rollout.batch }}: {{ rollout.hosts | array.join ',' }}", failTimes: "{{ rollout.batch == 2 ? 1 : 0 }}" }
            steps:
              - id: work
                action: probe
                with: { key: "{{ target.name }}" }
            """);
        Assert.Equal(["h1", "h2", "check 1: h1,h2", "h3", "h4", "check 2: h3,h4"], h.Probe.Calls.Select(c => c).ToList() is var calls
            ? [.. calls.Take(2).Order(StringComparer.Ordinal), calls[2], .. calls.Skip(3).Take(2).Order(StringComparer.Ordinal), calls[5]] : []);
        Assert.Equal(6, h.Probe.Calls.Count);
        Assert.Equal([StepStatus.Succeeded, StepStatus.Succeeded, StepStatus.Succeeded, StepStatus.Succeeded, StepStatus.Skipped, StepStatus.Skipped],
            result.Targets.Select(t => t.Status));
        Assert.StartsWith("the health check after batch 2 failed (step 'healthCheck[2]/healthy' failed: probe check 2: h3,h4 failing", result.Halted, StringComparison.Ordinal);
        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Contains(result.Steps, s => s.Path == "healthCheck[1]/healthy" && s.Status == StepStatus.Succeeded);
    }

    [Fact]
    public async Task RunAsync_Cancelled_HostsNotStartedAreCancelled()
    {
        using var h = Harness(Hosts(4, holdMs: 2000));
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
        var result = await h.RunAsync(Runbook("concurrency: 1"), cancellationToken: cancel.Token);
        Assert.Equal(RunStatus.Cancelled, result.Status);
        Assert.Equal(["h1"], h.Probe.Calls);
        Assert.All(result.Targets, t => Assert.Equal(StepStatus.Cancelled, t.Status));
    }

    [Fact]
    public async Task RunAsync_OneRunIdForTheWholeFleet_StepsJournaledPerHost()
    {
        using var h = Harness(Hosts(3));
        var result = await h.RunAsync(Runbook("concurrency: 3"));
        var started = Assert.Single(h.Journal.Entries, e => e.Kind == JournalEntryKind.RunStarted);
        Assert.Equal(["h1", "h2", "h3"], started.Run!.Targets);
        Assert.Equal(["h1", "h2", "h3"], h.Journal.Entries.Where(e => e.Kind == JournalEntryKind.StepStarted).Select(e => e.Start!.Target).Order(StringComparer.Ordinal));
        Assert.All(h.Journal.Entries, e => Assert.Equal(result.RunId, e.RunId));
    }

    [Fact]
    public async Task RunAsync_SubRunbookWithoutTargets_RunsOnTheCallersHost()
    {
        using var h = Harness(Hosts(2));
        var dir = Directory.CreateTempSubdirectory("runbooks-sub-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "child.yaml"), """
                name: child
                steps:
                  - { id: on, action: probe, with: { key: "child on {{ target.name }}" } }
                """);
            File.WriteAllText(Path.Combine(dir, "local-child.yaml"), """
                name: local-child
                targets: local
                steps:
                  - { id: on, action: probe, with: { key: "local child on {{ target.name }}" } }
                """);
            var parent = Path.Combine(dir, "parent.yaml");
            File.WriteAllText(parent, """
                name: parent
                targets: { groups: [fleet], strategy: { concurrency: 1 } }
                steps:
                  - { id: sub, action: runbook, with: { path: child.yaml } }
                  - { id: local, action: runbook, with: { path: local-child.yaml } }
                """);
            var loaded = h.Loader.LoadFile(parent);
            Assert.True(loaded.IsValid, string.Join("\n", loaded.Diagnostics));
            var result = await h.Engine.RunAsync(new RunRequest { Runbook = loaded.Runbook! }, CancellationToken.None);
            Assert.Equal(RunStatus.Succeeded, result.Status);
            Assert.Equal(["child on h1", "local child on local", "child on h2", "local child on local"], h.Probe.Calls);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Gives each host an executor that carries its name; the probe action never runs commands.</summary>
    private sealed class NamedTargets : ITargetExecutorFactory
    {
        public ITargetExecutor For(TargetInfo target) => new Named(target);

        private sealed class Named(TargetInfo target) : ITargetExecutor
        {
            public TargetInfo Target { get; } = target;

            public Task<CommandResult> RunAsync(CommandRequest request, CancellationToken cancellationToken) =>
                throw new InvalidOperationException("the probe runs no commands");
        }
    }
}
