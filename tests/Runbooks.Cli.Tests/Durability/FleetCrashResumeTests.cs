using Runbooks.Cli.Tests.TestSupport;
using Runbooks.Testing.Ssh;

namespace Runbooks.Cli.Tests.Durability;

/// <summary>
/// The crash story over SSH: the CLI is killed while a non-idempotent <c>ssh.command</c> runs on two real sshd hosts.
/// The resumed run is in doubt on both, naming them; <c>--skip</c> then runs the remaining steps once per host.
/// </summary>
public sealed class FleetCrashResumeTests : IClassFixture<SshFleetFixture>, IDisposable
{
    private readonly SshFleetFixture _fleet;
    private readonly TempWorkDir _dir = new();
    private readonly string _sleep = $"60.{Random.Shared.Next(100_000, 999_999)}";
    private readonly Dictionary<string, string?> _env = new() { ["Runbooks__Storage__RunLeaseSeconds"] = "1" };

    public FleetCrashResumeTests(SshFleetFixture fleet)
    {
        _fleet = fleet;
        _fleet.ResetFakes();
        _fleet.AddFake("prep");
        // Records its call, then sleeps while its host's nap file exists (removed first, so a second call returns).
        _fleet.AddFake("migrate", "if [ -e \"$STATE/nap\" ]; then rm \"$STATE/nap\"; sleep \"$1\"; fi");
        _fleet.AddFake("verify");
        _dir.Write("inventory.yaml", _fleet.InventoryYaml());
    }

    public void Dispose()
    {
        KillOrphans();
        _dir.Dispose();
    }

    private void KillOrphans()
    {
        foreach (var (pid, _) in ProcessTable.WithArgument(_sleep))
        {
            ProcessTable.Signal(pid, "KILL");
        }
    }

    private IReadOnlyList<string> Calls(string host) => [.. _fleet.Calls().Where(c => c.Host == host).Select(c => c.Command)];

    [Fact]
    public async Task Resume_SshStepInterruptedOnTwoHosts_IsInDoubtNamingBothThenSkipRunsTheRestOncePerHost()
    {
        foreach (var fakes in _fleet.Fakes.Take(2))
        {
            File.WriteAllText(Path.Combine(fakes.StateDirectory, "nap"), "");
        }
        var runbook = _dir.Write("fleet-crash.yaml", $$"""
            name: fleet-crash
            targets:
              hosts: [web-1, web-2]
              strategy: { concurrency: 2 }
            steps:
              - id: prep
                action: ssh.command
                with: { argv: [prep] }
              - id: migrate
                action: ssh.command
                with: { argv: [migrate, "{{_sleep}}"] }
              - id: verify
                action: ssh.command
                with: { argv: [verify] }
            """);
        using (var cli = CliProcess.Start(_dir, _env, "run", runbook))
        {
            var runId = await JournalProbe.WaitForOnlyRunAsync(_dir, _env, cli);
            await JournalProbe.WaitForRunningAsync(_dir, _env, runId, "migrate", cli, "web-1", "web-2");
            await ProcessTable.WaitUntilPresentAsync(_sleep, TimeSpan.FromSeconds(60));
            cli.Signal("KILL");
            var killed = await cli.WaitForExitAsync(TimeSpan.FromSeconds(60));
            Assert.True(killed.ExitCode == 137, killed.ToString());
            KillOrphans();
            Assert.Equal(["prep", "migrate"], Calls("web-1"));
            Assert.Equal(["prep", "migrate"], Calls("web-2"));

            var inDoubt = await JournalProbe.ResumeOnceTheLeaseExpiredAsync(_dir, _env, runId);

            Assert.True(inDoubt.ExitCode == 3, inDoubt.ToString());
            // Whichever host reaches the step first parks the run; the reason still names both, since --skip covers both.
            Assert.Matches(@"(?m)^Error: step 'migrate' started on web-1 at .+ \(attempt 1\), web-2 at .+ \(attempt 1\) and its end is not known: .+ " +
                "Check web-1, web-2, then resume with --skip migrate \\(it did its work\\) or --from migrate \\(run it again\\)$", inDoubt.Stdout);
            Assert.Equal(["prep", "migrate"], Calls("web-1"));
            Assert.Equal(["prep", "migrate"], Calls("web-2"));

            var skipped = await CliProcess.RunAsync(_dir, _env, "runs", "resume", runId, "--skip", "migrate", "--comment", "checked both hosts: migrated");

            Assert.True(skipped.ExitCode == 0, skipped.ToString());
            Assert.Equal(["prep", "migrate", "verify"], Calls("web-1"));
            Assert.Equal(["prep", "migrate", "verify"], Calls("web-2"));
            Assert.DoesNotContain(_fleet.Calls(), c => c.Host is not ("web-1" or "web-2"));
        }
    }
}
