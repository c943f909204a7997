using Runbooks.Core;
using Runbooks.Core.Engine;
using Runbooks.Core.Journal;

namespace Runbooks.Storage.Tests.Durability;

/// <summary>
/// Crash, takeover and resume on a real journal: worker A is held inside a step and stops renewing its lease (as a
/// dead or partitioned worker does); once the lease has run out on the database clock, worker B continues the run.
/// Run against SQLite and PostgreSQL.
/// </summary>
public abstract class ResumeContract
{
    private const string Crashy = """
        name: crashy
        steps:
          - id: first
            action: test.gate
          - id: work
            action: test.gate
            idempotent: IDEMPOTENT
            with: { block: true }
          - id: last
            action: test.gate
        """;

    /// <summary>A fresh, empty database; called once per worker, and each call must reach the same data.</summary>
    protected abstract JournalDatabase OpenDatabase();

    [Fact]
    public async Task ContinueAsync_NonIdempotentStepInterrupted_RunIsInDoubtAndTheStepIsNotRepeated()
    {
        var (a, b, gate, crashed, runId) = await CrashInsideWorkAsync(idempotent: false);
        await using (a)
        await using (b)
        {
            var result = await b.Continuation.ContinueAsync(runId, new ContinueOptions { By = "worker-b" }, CancellationToken.None);

            Assert.Equal(RunStatus.InDoubt, result!.Status);
            Assert.Contains("step 'work' on local", result.Error, StringComparison.Ordinal);
            Assert.Contains("--skip work", result.Error, StringComparison.Ordinal);
            Assert.Equal((1, 1, 0), (gate.CallsOf("first"), gate.CallsOf("work"), gate.CallsOf("last")));
            var stored = (await b.Store.GetRunAsync(runId, CancellationToken.None))!;
            Assert.Equal("inDoubt", stored.Run.Status);
            Assert.Equal("interrupted", stored.Attempts.Single(x => x.StepPath == "work").Status);
            await ReleaseCrashedWorkerAsync(gate, crashed);
        }
    }

    [Fact]
    public async Task ContinueAsync_IdempotentStepInterrupted_RunsItAgainAndNeverRepeatsTheStepBefore()
    {
        var (a, b, gate, crashed, runId) = await CrashInsideWorkAsync(idempotent: true);
        await using (a)
        await using (b)
        {
            gate.Open();
            var result = await b.Continuation.ContinueAsync(runId, new ContinueOptions { By = "worker-b" }, CancellationToken.None);

            Assert.Equal(RunStatus.Succeeded, result!.Status);
            Assert.Equal((1, 2, 1), (gate.CallsOf("first"), gate.CallsOf("work"), gate.CallsOf("last")));
            var attempts = (await b.Store.GetRunAsync(runId, CancellationToken.None))!.Attempts.Where(x => x.StepPath == "work").OrderBy(x => x.Attempt).ToList();
            Assert.Equal(["interrupted", "succeeded"], attempts.Select(x => x.Status));
            Assert.Equal([1, 2], attempts.Select(x => x.Attempt));
            await ReleaseCrashedWorkerAsync(gate, crashed);
        }
    }

    [Fact]
    public async Task ContinueAsync_InDoubtWithSkip_RecordsTheOperatorAndGoesOnAfterTheStep()
    {
        var (a, b, gate, crashed, runId) = await CrashInsideWorkAsync(idempotent: false);
        await using (a)
        await using (b)
        {
            await b.Continuation.ContinueAsync(runId, new ContinueOptions { By = "worker-b" }, CancellationToken.None);

            var result = await b.Continuation.ContinueAsync(runId, new ContinueOptions
            {
                By = "cli:alice", Operator = true, Skip = ["work"], Reason = "checked the host: it ran",
            }, CancellationToken.None);

            Assert.Equal(RunStatus.Succeeded, result!.Status);
            Assert.Equal((1, 1, 1), (gate.CallsOf("first"), gate.CallsOf("work"), gate.CallsOf("last")));
            var skipped = (await b.Store.GetRunAsync(runId, CancellationToken.None))!.Attempts.Single(x => x is { StepPath: "work", Status: "skipped" });
            Assert.Equal("skipped by cli:alice on resume: checked the host: it ran", skipped.Error);
            await ReleaseCrashedWorkerAsync(gate, crashed);
        }
    }

    [Fact]
    public async Task ContinueAsync_InDoubtWithFrom_RunsTheStepAndEveryLaterOneAgain()
    {
        var (a, b, gate, crashed, runId) = await CrashInsideWorkAsync(idempotent: false);
        await using (a)
        await using (b)
        {
            await b.Continuation.ContinueAsync(runId, new ContinueOptions { By = "worker-b" }, CancellationToken.None);
            gate.Open();

            var result = await b.Continuation.ContinueAsync(runId, new ContinueOptions { By = "cli:alice", Operator = true, From = "work" }, CancellationToken.None);

            Assert.Equal(RunStatus.Succeeded, result!.Status);
            Assert.Equal((1, 2, 1), (gate.CallsOf("first"), gate.CallsOf("work"), gate.CallsOf("last")));
            await ReleaseCrashedWorkerAsync(gate, crashed);
        }
    }

    [Fact]
    public async Task ContinueAsync_InDoubtWithoutDecision_OperatorIsToldWhyAndWorkersLeaveIt()
    {
        var (a, b, gate, crashed, runId) = await CrashInsideWorkAsync(idempotent: false);
        await using (a)
        await using (b)
        {
            await b.Continuation.ContinueAsync(runId, new ContinueOptions { By = "worker-b" }, CancellationToken.None);

            var byWorker = await b.Continuation.ContinueAsync(runId, new ContinueOptions { By = "worker-b" }, CancellationToken.None);
            var error = await Assert.ThrowsAsync<RunbooksException>(() =>
                b.Continuation.ContinueAsync(runId, new ContinueOptions { By = "cli:alice", Operator = true }, CancellationToken.None));

            Assert.Null(byWorker);
            Assert.StartsWith($"run {runId} is in doubt: step 'work' on local started at", error.Message, StringComparison.Ordinal);
            Assert.Equal(1, gate.CallsOf("work"));
            await ReleaseCrashedWorkerAsync(gate, crashed);
        }
    }

    [Fact]
    public async Task ContinueAsync_WhileTheOwnersLeaseIsLive_IsRefused()
    {
        var gate = new GateAction();
        await using var a = await DurabilityRig.OpenAsync(OpenDatabase(), "worker-a", gate, TimeSpan.FromMinutes(5));
        await using var b = await DurabilityRig.OpenAsync(OpenDatabase(), "worker-b", gate);
        var running = a.Engine.RunAsync(new RunRequest { Runbook = a.Load(Crashy.Replace("IDEMPOTENT", "false", StringComparison.Ordinal)), Trigger = "test" }, CancellationToken.None);
        Assert.True(await gate.EnteredAsync());
        var runId = (await a.Store.ListRunsAsync(new RunQuery(), CancellationToken.None)).Single().RunId;

        var byWorker = await b.Continuation.ContinueAsync(runId, new ContinueOptions { By = "worker-b" }, CancellationToken.None);
        var error = await Assert.ThrowsAsync<RunbooksException>(() =>
            b.Continuation.ContinueAsync(runId, new ContinueOptions { By = "cli:alice", Operator = true }, CancellationToken.None));

        Assert.Null(byWorker);
        Assert.Contains("is being run by another worker right now", error.Message, StringComparison.Ordinal);
        gate.Open();
        Assert.Equal(RunStatus.Succeeded, (await running).Status);
        Assert.Equal(1, gate.CallsOf("work"));
    }

    [Fact]
    public async Task RunAsync_WorkerThatLostItsRun_CannotRecordOrActAgain()
    {
        var (a, b, gate, crashed, runId) = await CrashInsideWorkAsync(idempotent: true);
        await using (a)
        await using (b)
        {
            // B takes the run over while A is still alive inside the step (a partition, not a death).
            Assert.True(await b.Store.Journal.ClaimAsync(runId, CancellationToken.None));
            gate.Open();

            await Assert.ThrowsAnyAsync<RunbooksException>(() => crashed);

            // A's late outcome was refused and it started nothing after: 'last' never ran on A.
            Assert.Equal(0, gate.CallsOf("last"));
            var document = (await b.Store.GetRunAsync(runId, CancellationToken.None))!;
            Assert.DoesNotContain(document.Attempts, x => x.StepPath == "work" && x.Status == "succeeded");
            var result = await b.Continuation.ContinueAsync(runId, new ContinueOptions { By = "worker-b" }, CancellationToken.None);
            Assert.Equal(RunStatus.Succeeded, result!.Status);
        }
    }

    [Fact]
    public async Task TakeRecoverableAsync_TwoSweepersAtOnce_TakeAnExpiredRunExactlyOnce()
    {
        var (a, b, gate, crashed, runId) = await CrashInsideWorkAsync(idempotent: true);
        await using (a)
        await using (b)
        {
            var sweeps = await Task.WhenAll(
                a.Store.Dispatch.TakeRecoverableAsync(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1), 10, CancellationToken.None),
                b.Store.Dispatch.TakeRecoverableAsync(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1), 10, CancellationToken.None));

            var taken = Assert.Single(sweeps.SelectMany(s => s));
            Assert.Equal((runId, "running"), (taken.RunId, taken.WasStatus));
            Assert.Equal("queued", (await b.Store.GetRunAsync(runId, CancellationToken.None))!.Run.Status);
            await ReleaseCrashedWorkerAsync(gate, crashed);
        }
    }

    [Fact]
    public async Task Approval_DecidedAndResumed_NothingAfterTheGateRanBeforeAndTheDecisionIsRecorded()
    {
        var gate = new GateAction();
        await using var worker = await DurabilityRig.OpenAsync(OpenDatabase(), "worker-a", gate);
        var runbook = worker.Load("""
            name: gated
            steps:
              - id: before
                action: test.gate
              - id: ask
                action: approval
                with: { approvers: [alice, "role:sre"], minApprovals: 2, message: go? }
              - id: after
                action: test.gate
            """);

        var suspended = await worker.Engine.RunAsync(new RunRequest { Runbook = runbook, Trigger = "test" }, CancellationToken.None);
        await worker.Store.Approvals.DecideAsync(suspended.RunId, null, "alice", approved: true, "fine", _ => true, DateTimeOffset.UtcNow, CancellationToken.None);
        var stillWaiting = await worker.Continuation.ContinueAsync(suspended.RunId, new ContinueOptions { By = "worker-a" }, CancellationToken.None);
        var twice = await Assert.ThrowsAsync<RunbooksException>(() =>
            worker.Store.Approvals.DecideAsync(suspended.RunId, null, "alice", approved: true, "again", _ => true, DateTimeOffset.UtcNow, CancellationToken.None));
        var outsider = await Assert.ThrowsAsync<RunbooksException>(() =>
            worker.Store.Approvals.DecideAsync(suspended.RunId, null, "mallory", approved: true, "me too", _ => false, DateTimeOffset.UtcNow, CancellationToken.None));
        await worker.Store.Approvals.DecideAsync(suspended.RunId, null, "bob", approved: true, "ok by sre", _ => true, DateTimeOffset.UtcNow, CancellationToken.None);
        var done = await worker.Continuation.ContinueAsync(suspended.RunId, new ContinueOptions { By = "worker-a" }, CancellationToken.None);

        Assert.Equal((RunStatus.Suspended, RunStatus.Suspended, RunStatus.Succeeded), (suspended.Status, stillWaiting!.Status, done!.Status));
        Assert.Equal((1, 1), (gate.CallsOf("before"), gate.CallsOf("after")));
        Assert.Equal($"alice already decided gate 'ask' of run {suspended.RunId}; a decision is recorded once", twice.Message);
        Assert.Equal($"mallory may not decide gate 'ask' of run {suspended.RunId}: its approvers are alice, role:sre", outsider.Message);
        Assert.Equal(["alice", "bob"], done.Steps.Single(s => s.StepId == "ask").Outputs["approvedBy"] as IEnumerable<object?>);
        var events = (await worker.Store.GetRunAsync(suspended.RunId, CancellationToken.None))!.Events.Select(e => e.Kind).ToList();
        Assert.Equal(2, events.Count(k => k == "approval.approved"));
    }

    [Fact]
    public async Task Approval_Rejected_GateFailsAndFailureHandlingRuns()
    {
        var gate = new GateAction();
        await using var worker = await DurabilityRig.OpenAsync(OpenDatabase(), "worker-a", gate);
        var runbook = worker.Load("""
            name: gated
            steps:
              - id: ask
                action: approval
                with: { approvers: [alice] }
              - id: after
                action: test.gate
            onFailure:
              - id: tell
                action: test.gate
            """);

        var suspended = await worker.Engine.RunAsync(new RunRequest { Runbook = runbook, Trigger = "test" }, CancellationToken.None);
        await worker.Store.Approvals.DecideAsync(suspended.RunId, null, "alice", approved: false, "not now", _ => true, DateTimeOffset.UtcNow, CancellationToken.None);
        var done = await worker.Continuation.ContinueAsync(suspended.RunId, new ContinueOptions { By = "worker-a" }, CancellationToken.None);

        Assert.Equal(RunStatus.Failed, done!.Status);
        Assert.Equal("rejected: alice: not now", done.Steps.Single(s => s.StepId == "ask").Error);
        Assert.Equal((0, 1), (gate.CallsOf("after"), gate.CallsOf("onFailure/tell")));
    }

    [Fact]
    public async Task Approval_TimedOutWithSkip_GoesOnWithoutIt()
    {
        var gate = new GateAction();
        await using var worker = await DurabilityRig.OpenAsync(OpenDatabase(), "worker-a", gate);
        var runbook = worker.Load("""
            name: gated
            steps:
              - id: ask
                action: approval
                with: { approvers: [alice], timeout: 1s, onTimeout: skip }
              - id: after
                action: test.gate
            """);

        var suspended = await worker.Engine.RunAsync(new RunRequest { Runbook = runbook, Trigger = "test" }, CancellationToken.None);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        var taken = await worker.Store.Dispatch.TakeRecoverableAsync(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1), 10, CancellationToken.None);
        var done = await worker.Continuation.ContinueAsync(suspended.RunId, new ContinueOptions { By = "worker-a" }, CancellationToken.None);

        Assert.Equal(suspended.RunId, Assert.Single(taken).RunId);
        Assert.Equal(RunStatus.Succeeded, done!.Status);
        Assert.Equal(false, done.Steps.Single(s => s.StepId == "ask").Outputs["approved"]);
        Assert.Equal(1, gate.CallsOf("after"));
    }

    [Fact]
    public async Task Wait_LongerThanTheWorkersLimit_SuspendsAndResumesWhenTheTimeComes()
    {
        var gate = new GateAction();
        await using var worker = await DurabilityRig.OpenAsync(OpenDatabase(), "worker-a", gate, suspendWaits: TimeSpan.FromSeconds(1));
        var runbook = worker.Load("""
            name: waits
            steps:
              - id: before
                action: test.gate
              - id: pause
                action: wait
                with: { duration: 2s }
              - id: after
                action: test.gate
            """);

        var suspended = await worker.Engine.RunAsync(new RunRequest { Runbook = runbook, Trigger = "test" }, CancellationToken.None);
        var early = await worker.Store.Dispatch.TakeRecoverableAsync(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1), 10, CancellationToken.None);
        await Task.Delay(suspended.WakeAt!.Value - DateTimeOffset.UtcNow + TimeSpan.FromMilliseconds(200));
        var due = await worker.Store.Dispatch.TakeRecoverableAsync(DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1), 10, CancellationToken.None);
        var done = await worker.Continuation.ContinueAsync(suspended.RunId, new ContinueOptions { By = "worker-a" }, CancellationToken.None);

        Assert.Equal(RunStatus.Suspended, suspended.Status);
        Assert.Empty(early);
        Assert.Equal(suspended.RunId, Assert.Single(due).RunId);
        Assert.Equal(RunStatus.Succeeded, done!.Status);
        Assert.Equal((1, 1), (gate.CallsOf("before"), gate.CallsOf("after")));
        Assert.True((long)done.Steps.Single(s => s.StepId == "pause").Outputs["waitedMs"]! >= 2000);
    }

    /// <summary>
    /// Worker A starts the run and is held inside 'work'; it stops renewing the run's lease (dead, or cut off); the
    /// test waits until the lease has run out on the database clock. Worker B is ready to take over.
    /// </summary>
    private async Task<(DurabilityRig A, DurabilityRig B, GateAction Gate, Task<RunResult> Crashed, string RunId)> CrashInsideWorkAsync(bool idempotent)
    {
        var gate = new GateAction();
        var a = await DurabilityRig.OpenAsync(OpenDatabase(), "worker-a", gate);
        var b = await DurabilityRig.OpenAsync(OpenDatabase(), "worker-b", gate);
        var runbook = a.Load(Crashy.Replace("IDEMPOTENT", idempotent ? "true" : "false", StringComparison.Ordinal));
        var crashed = Task.Run(() => a.Engine.RunAsync(new RunRequest { Runbook = runbook, Trigger = "test" }, CancellationToken.None));
        Assert.True(await gate.EnteredAsync(), "worker A never reached the step");
        var runId = (await a.Store.ListRunsAsync(new RunQuery(), CancellationToken.None)).Single().RunId;
        a.Store.Journal.Abandon(runId);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await b.Store.Journal.ClaimAsync(runId, CancellationToken.None))
        {
            Assert.True(DateTime.UtcNow < deadline, "the lease of worker A never ran out");
            await Task.Delay(200);
        }
        // Released again so each test takes the run the way it wants; A's lease is gone for good (Abandon).
        await b.Store.Journal.ReleaseAsync(runId, CancellationToken.None);
        return (a, b, gate, crashed, runId);
    }

    /// <summary>Lets the crashed worker's blocked step return; whatever it then tries is refused, which is the point.</summary>
    private static async Task ReleaseCrashedWorkerAsync(GateAction gate, Task<RunResult> crashed)
    {
        gate.Open();
        try
        {
            await crashed;
        }
        catch (RunbooksException)
        {
            // Refused writes of a worker that lost its run.
        }
    }
}
