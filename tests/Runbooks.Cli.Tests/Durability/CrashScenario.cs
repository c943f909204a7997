using Runbooks.Cli.Tests.TestSupport;

namespace Runbooks.Cli.Tests.Durability;

/// <summary>
/// A local runbook <c>first → slow → last</c> whose steps append their names to <c>ledger.txt</c>, run by a real CLI
/// process that is killed with SIGKILL while <c>slow</c> runs. <c>slow</c> sleeps only while the file <c>nap</c>
/// exists (it removes it first), so a second attempt after the crash returns at once. The ledger is the proof of what
/// acted and how often.
/// </summary>
internal sealed class CrashScenario : IDisposable
{
    // A hang guard, not a timing assertion.
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    // A sleep with a unique duration, so `ps` finds exactly this test's orphaned step process.
    private readonly string _sleep = $"60.{Random.Shared.Next(100_000, 999_999)}";

    public CrashScenario(IReadOnlyDictionary<string, string?>? environment = null, int leaseSeconds = 1)
    {
        Env = new Dictionary<string, string?>(environment ?? new Dictionary<string, string?>())
        {
            ["Runbooks__Storage__RunLeaseSeconds"] = leaseSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
    }

    public TempWorkDir Dir { get; } = new();

    /// <summary>The environment of every CLI process of the scenario (journal, lease length).</summary>
    public Dictionary<string, string?> Env { get; }

    /// <summary>The run's id, once <see cref="RunAndKillAsync"/> returned.</summary>
    public string RunId { get; private set; } = "";

    /// <summary>Each ledger line: the steps that acted, in order.</summary>
    public IReadOnlyList<string> Ledger => File.Exists(Dir["ledger.txt"]) ? File.ReadAllLines(Dir["ledger.txt"]) : [];

    /// <summary>The runbook: <paramref name="slowIdempotent"/> says whether <c>slow</c> may be run again after a crash.</summary>
    public string WriteRunbook(bool slowIdempotent) => Dir.Write("crash.yaml", $$"""
        name: crash
        steps:
          - id: first
            action: shell
            with: { argv: [sh, -c, "echo first >> ledger.txt"] }
          - id: slow
            action: shell
            idempotent: {{(slowIdempotent ? "true" : "false")}}
            with: { argv: [sh, -c, "echo slow >> ledger.txt; if [ -e nap ]; then rm nap; sleep {{_sleep}}; fi"] }
          - id: last
            action: shell
            with: { argv: [sh, -c, "echo last >> ledger.txt"] }
        """);

    /// <summary>Starts <c>runbooks run</c>, waits until the journal shows <c>slow</c> running, then kills the CLI with SIGKILL.</summary>
    public async Task RunAndKillAsync(string runbook)
    {
        Dir.Write("nap", "");
        using var cli = CliProcess.Start(Dir, Env, "run", runbook);
        RunId = await JournalProbe.WaitForOnlyRunAsync(Dir, Env, cli);
        await JournalProbe.WaitForRunningAsync(Dir, Env, RunId, "slow", cli, "local");
        // The step's own process is asleep, so it has written its ledger line: it acted once.
        await ProcessTable.WaitUntilPresentAsync(_sleep, Patience);
        Assert.Equal(["first", "slow"], Ledger);

        cli.Signal("KILL");
        var killed = await cli.WaitForExitAsync(Patience);
        Assert.True(killed.ExitCode == 137, killed.ToString());
        // The orphaned step would sleep on: end it, as a reboot of the host would.
        KillOrphans();
    }

    /// <summary>
    /// <c>runbooks runs resume</c> with <paramref name="args"/>, tried again while the killed process's lease is still
    /// live (its owner renews no more, so the database expires it within one lease length).
    /// </summary>
    public Task<CliResult> ResumeOnceTheLeaseExpiredAsync(params string[] args) =>
        JournalProbe.ResumeOnceTheLeaseExpiredAsync(Dir, Env, RunId, args);

    /// <summary><c>runbooks runs resume &lt;run&gt; args…</c> once.</summary>
    public Task<CliResult> ResumeAsync(params string[] args) =>
        CliProcess.RunAsync(Dir, Env, ["runs", "resume", RunId, .. args]);

    public void Dispose()
    {
        KillOrphans();
        Dir.Dispose();
    }

    private void KillOrphans()
    {
        foreach (var (pid, _) in ProcessTable.WithArgument(_sleep))
        {
            ProcessTable.Signal(pid, "KILL");
        }
    }
}
