using Runbooks.Cli.Tests.TestSupport;

namespace Runbooks.Cli.Tests.Durability;

/// <summary>
/// The CLI process is killed (SIGKILL, no chance to record anything) while a step runs, and <c>runbooks runs resume</c>
/// continues the run from the SQLite journal: what ended is never repeated, an interrupted step is re-run only when it
/// is idempotent, otherwise a person decides with <c>--skip</c> or <c>--from</c>.
/// </summary>
public sealed class CrashResumeTests : IDisposable
{
    private readonly CrashScenario _crash = new();

    public void Dispose() => _crash.Dispose();

    [Fact]
    public async Task Resume_NonIdempotentStepInterrupted_IsInDoubtUntilSkippedAndNothingRepeats()
    {
        await CrashResumeAssertions.InDoubtThenSkipAsync(_crash);
    }

    [Fact]
    public async Task Resume_FromTheInterruptedStep_RunsItAgainAsTheOperatorChose()
    {
        await _crash.RunAndKillAsync(_crash.WriteRunbook(slowIdempotent: false));
        var inDoubt = await _crash.ResumeOnceTheLeaseExpiredAsync();
        Assert.True(inDoubt.ExitCode == 3, inDoubt.ToString());

        var resumed = await _crash.ResumeAsync("--from", "slow", "--comment", "checked the host: slow did nothing");

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        // --from is the operator saying "do it again": slow acts a second time, first still never repeats.
        Assert.Equal(["first", "slow", "slow", "last"], _crash.Ledger);
        Assert.Equal("succeeded", await JournalProbe.StatusAsync(_crash.Dir, _crash.Env, _crash.RunId));
    }

    [Fact]
    public async Task Resume_IdempotentStepInterrupted_RunsItAgainWithoutBeingAsked()
    {
        await _crash.RunAndKillAsync(_crash.WriteRunbook(slowIdempotent: true));

        var resumed = await _crash.ResumeOnceTheLeaseExpiredAsync();

        Assert.True(resumed.ExitCode == 0, resumed.ToString());
        Assert.Equal(["first", "slow", "slow", "last"], _crash.Ledger);
        var attempts = await JournalProbe.AttemptsAsync(_crash.Dir, _crash.Env, _crash.RunId);
        Assert.Equal([("first", 1, "succeeded")], attempts.Where(a => a.StepPath == "first").Select(a => (a.StepPath, a.Attempt, a.Status)));
        // The interrupted attempt stays in the record; the re-run is the next attempt number.
        Assert.Contains(attempts, a => a is { StepPath: "slow", Attempt: 2, Status: "succeeded" });
    }

    [Fact]
    public async Task Resume_WhileTheKilledProcessLeaseIsLive_IsRefusedAndChangesNothing()
    {
        using var crash = new CrashScenario(leaseSeconds: 3600);
        await crash.RunAndKillAsync(crash.WriteRunbook(slowIdempotent: true));

        var refused = await crash.ResumeAsync();

        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Equal($"error: run {crash.RunId} is being run by another worker right now (its lease is live); " +
            $"try again when it stops, or look at runbooks runs show {crash.RunId}\n", refused.Stderr);
        Assert.Equal(["first", "slow"], crash.Ledger);
        Assert.Equal("running", await JournalProbe.StatusAsync(crash.Dir, crash.Env, crash.RunId));
    }

    [Fact]
    public async Task Resume_FinishedRun_IsRefused()
    {
        var runbook = _crash.WriteRunbook(slowIdempotent: false);
        var run = await CliProcess.RunAsync(_crash.Dir, _crash.Env, "run", runbook);
        Assert.True(run.ExitCode == 0, run.ToString());
        var id = LinePattern.For("Run <id> of crash: succeeded in <dur>").IsMatch(run.StdoutLines[1])
            ? run.StdoutLines[1].Split(' ')[1] : throw new InvalidOperationException(run.ToString());

        var refused = await CliProcess.RunAsync(_crash.Dir, _crash.Env, "runs", "resume", id);

        Assert.True(refused.ExitCode == 1, refused.ToString());
        Assert.Equal($"error: run {id} has ended (succeeded); only a queued, running, suspended or in-doubt run continues\n", refused.Stderr);
        Assert.Equal(["first", "slow", "last"], _crash.Ledger);
    }
}
