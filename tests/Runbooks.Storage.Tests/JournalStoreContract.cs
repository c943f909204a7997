using Runbooks.Core;
using Runbooks.Core.Journal;
using static Runbooks.Storage.Tests.JournalSamples;

namespace Runbooks.Storage.Tests;

/// <summary>
/// What every journal provider must do, run once per provider (<see cref="SqliteJournalStoreTests"/>,
/// <see cref="PostgreSqlJournalStoreTests"/>): the same records in, the same records out, the same refusals.
/// </summary>
public abstract class JournalStoreContract : IAsyncLifetime
{
    private JournalStore? _store;

    protected JournalStore Store => _store ?? throw new InvalidOperationException("the store is opened in InitializeAsync");

    /// <summary>A fresh, empty database of the provider under test.</summary>
    protected abstract JournalDatabase CreateDatabase();

    /// <summary>The same database again, as a second process would open it.</summary>
    protected abstract JournalDatabase ReopenDatabase();

    /// <summary>Another new database, never opened: each call of the returned function opens it as one more process would.</summary>
    protected abstract Func<JournalDatabase> AnotherNewDatabase();

    public async Task InitializeAsync() => _store = await JournalStore.OpenAsync(CreateDatabase(), CancellationToken.None);

    public async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }
    }

    [Fact]
    public async Task GetRunAsync_AfterRunStarted_ReturnsTheRecordAsWritten()
    {
        await Store.Journal.RunStartedAsync(Run("r1"), CancellationToken.None);

        var run = (await Store.GetRunAsync("r1", CancellationToken.None))!.Run;

        Assert.Equal(("r1", "restart-nginx", "sha256:0f1e2d", "cli:alice", "running"), (run.RunId, run.Runbook, run.ContentHash, run.Trigger, run.Status));
        Assert.Equal(T0, run.StartedAt);
        Assert.Null(run.EndedAt);
        Assert.Equal(["web-1", "web-2"], run.Targets);
        Assert.Equal("web-1", run.Parameters["host"]);
        Assert.Equal(8080L, run.Parameters["port"]);
        Assert.Equal(0.25, run.Parameters["ratio"]);
        Assert.Equal(true, run.Parameters["force"]);
        Assert.Equal("***", run.Parameters["token"]);
        Assert.Equal(new List<object?> { "a", 2L }, run.Parameters["list"]);
        Assert.Equal(new Dictionary<string, object?> { ["k"] = null }, run.Parameters["map"]);
    }

    [Fact]
    public async Task StepStartingAsync_BeforeAnyOutcome_AttemptIsRecordedAsRunning()
    {
        await Store.Journal.RunStartedAsync(Run("r1"), CancellationToken.None);

        var ticket = await Store.Journal.StepStartingAsync(Start("r1"), CancellationToken.None);

        // A second reader (another process after a crash) sees the intent: the step may have acted.
        await using var reopened = await JournalStore.OpenAsync(ReopenDatabase(), CancellationToken.None);
        var attempt = Assert.Single((await reopened.GetRunAsync("r1", CancellationToken.None))!.Attempts);
        Assert.Equal(("restart", "web-1", 1, "running", false, ticket.FencingToken), (attempt.StepPath, attempt.Target, attempt.Attempt, attempt.Status, attempt.Idempotent, attempt.FencingToken));
        Assert.Equal("run: systemctl restart nginx", attempt.Description);
        Assert.Null(attempt.EndedAt);
    }

    [Fact]
    public async Task StepFinishedAsync_WithItsTicket_RecordsTheOutcome()
    {
        await Store.Journal.RunStartedAsync(Run("r1"), CancellationToken.None);
        var ticket = await Store.Journal.StepStartingAsync(Start("r1"), CancellationToken.None);

        await Store.Journal.StepFinishedAsync(ticket, Succeeded(), CancellationToken.None);

        var attempt = Assert.Single((await Store.GetRunAsync("r1", CancellationToken.None))!.Attempts);
        Assert.Equal(("succeeded", 0, "restarted\n", "", true), (attempt.Status, attempt.ExitCode, attempt.Stdout, attempt.Stderr, attempt.Changed));
        Assert.Equal(T0.AddSeconds(3), attempt.EndedAt);
        Assert.Equal(new Dictionary<string, object?> { ["active"] = true, ["mainPid"] = 4242L }, attempt.Outputs);
    }

    [Fact]
    public async Task StepStartingAsync_SuccessiveAttempts_DrawGrowingTokens()
    {
        await Store.Journal.RunStartedAsync(Run("r1"), CancellationToken.None);
        await Store.Journal.RunStartedAsync(Run("r2"), CancellationToken.None);

        var a = await Store.Journal.StepStartingAsync(Start("r1", attempt: 1), CancellationToken.None);
        var b = await Store.Journal.StepStartingAsync(Start("r1", attempt: 2), CancellationToken.None);
        var other = await Store.Journal.StepStartingAsync(Start("r2"), CancellationToken.None);

        Assert.Equal((1L, 2L, 1L), (a.FencingToken, b.FencingToken, other.FencingToken));
    }

    [Fact]
    public async Task StepStartingAsync_ManyAtOnceInOneRun_EveryTokenIsUnique()
    {
        await Store.Journal.RunStartedAsync(Run("r1"), CancellationToken.None);

        var tickets = await Task.WhenAll(Enumerable.Range(0, 24).Select(i =>
            Store.Journal.StepStartingAsync(Start("r1", path: $"each[{i}]/work"), CancellationToken.None).AsTask()));

        Assert.Equal(Enumerable.Range(1, 24).Select(i => (long)i), tickets.Select(t => t.FencingToken).Order());
    }

    [Fact]
    public async Task StepFinishedAsync_SecondOutcomeForTheSameTicket_IsRefusedAndTheFirstKept()
    {
        await Store.Journal.RunStartedAsync(Run("r1"), CancellationToken.None);
        var ticket = await Store.Journal.StepStartingAsync(Start("r1"), CancellationToken.None);
        await Store.Journal.StepFinishedAsync(ticket, Succeeded(), CancellationToken.None);

        var error = await Assert.ThrowsAsync<StaleTicketException>(() =>
            Store.Journal.StepFinishedAsync(ticket, Succeeded() with { Status = StepStatus.Failed }, CancellationToken.None).AsTask());

        Assert.Equal(
            $"the outcome of step 'restart' (attempt 1) on web-1 in run r1 was refused: the attempt is no longer running under ticket 1, or the run is no longer owned by {Store.Journal.Owner} (another worker or a person took it over); this worker must stop working on the run",
            error.Message);
        Assert.Equal("succeeded", Assert.Single((await Store.GetRunAsync("r1", CancellationToken.None))!.Attempts).Status);
    }

    [Fact]
    public async Task StepFinishedAsync_TicketWithAnotherToken_IsRefused()
    {
        await Store.Journal.RunStartedAsync(Run("r1"), CancellationToken.None);
        var ticket = await Store.Journal.StepStartingAsync(Start("r1"), CancellationToken.None);

        await Assert.ThrowsAsync<StaleTicketException>(() =>
            Store.Journal.StepFinishedAsync(ticket with { FencingToken = ticket.FencingToken + 1 }, Succeeded(), CancellationToken.None).AsTask());

        Assert.Equal("running", Assert.Single((await Store.GetRunAsync("r1", CancellationToken.None))!.Attempts).Status);
    }

    [Fact]
    public async Task StepFinishedAsync_StaleTicketAmongConcurrentOutcomes_FailsOnlyItself()
    {
        await Store.Journal.RunStartedAsync(Run("r1"), CancellationToken.None);
        var tickets = new List<Core.Journal.StepTicket>();
        for (var i = 0; i < 12; i++)
        {
            tickets.Add(await Store.Journal.StepStartingAsync(Start("r1", path: $"each[{i}]/work"), CancellationToken.None));
        }
        var stale = tickets[5] with { FencingToken = 999 };

        var writes = tickets.Select((t, i) => i == 5 ? stale : t)
            .Select(t => Store.Journal.StepFinishedAsync(t, Succeeded(), CancellationToken.None).AsTask()).ToList();
        var outcome = await Task.WhenAll(writes).ContinueWith(_ => writes.Select(w => w.IsFaulted).ToList(), TaskScheduler.Default);

        Assert.Equal(Enumerable.Range(0, 12).Select(i => i == 5), outcome);
        Assert.IsType<StaleTicketException>(writes[5].Exception!.InnerException);
        var statuses = (await Store.GetRunAsync("r1", CancellationToken.None))!.Attempts.ToDictionary(a => a.StepPath, a => a.Status);
        Assert.Equal("running", statuses["each[5]/work"]);
        Assert.Equal(11, statuses.Values.Count(s => s == "succeeded"));
    }

    [Fact]
    public async Task StepStartingAsync_RunNeverRecorded_FailsClearly()
    {
        var error = await Assert.ThrowsAsync<RunbooksException>(() => Store.Journal.StepStartingAsync(Start("ghost"), CancellationToken.None).AsTask());

        Assert.Equal("run ghost is not in the journal; step 'restart' on web-1 may not start", error.Message);
    }

    [Fact]
    public async Task StepRecordedAsync_OwnedRun_RecordsTheEndedAttemptUnderTheNextToken()
    {
        await Store.Journal.RunStartedAsync(Run("r1"), CancellationToken.None);
        var before = await Store.Journal.StepStartingAsync(Start("r1", path: "first"), CancellationToken.None);

        await Store.Journal.StepRecordedAsync(Start("r1", path: "facts", idempotent: true), Succeeded(), CancellationToken.None);

        var attempt = (await Store.GetRunAsync("r1", CancellationToken.None))!.Attempts.Single(a => a.StepPath == "facts");
        Assert.Equal(("web-1", 1, "succeeded", true, before.FencingToken + 1), (attempt.Target, attempt.Attempt, attempt.Status, attempt.Idempotent, attempt.FencingToken));
        Assert.Equal((T0.AddSeconds(1), T0.AddSeconds(3)), (attempt.StartedAt, attempt.EndedAt));
        Assert.Equal((0, "restarted\n", "", true, "run: systemctl restart nginx"), (attempt.ExitCode, attempt.Stdout, attempt.Stderr, attempt.Changed, attempt.Description));
        Assert.Equal(new Dictionary<string, object?> { ["active"] = true, ["mainPid"] = 4242L }, attempt.Outputs);
    }

    [Fact]
    public async Task StepRecordedAsync_RunTakenByAnotherWorker_IsRefusedAndRecordsNothing()
    {
        await Store.Journal.RunStartedAsync(Run("r1"), CancellationToken.None);
        await GiveRunToAsync("r1", "worker-elsewhere");

        var error = await Assert.ThrowsAsync<StaleTicketException>(() =>
            Store.Journal.StepRecordedAsync(Start("r1"), Succeeded(), CancellationToken.None).AsTask());

        Assert.StartsWith("run r1 is owned by worker-elsewhere now", error.Message, StringComparison.Ordinal);
        Assert.Empty((await Store.GetRunAsync("r1", CancellationToken.None))!.Attempts);
    }

    [Fact]
    public async Task RunFinishedAsync_RunTakenByAnotherWorker_IsRefusedAndWritesNoEvent()
    {
        await Store.Journal.RunStartedAsync(Run("r1"), CancellationToken.None);
        await GiveRunToAsync("r1", "worker-elsewhere");

        var finished = await Assert.ThrowsAsync<StaleTicketException>(() =>
            Store.Journal.RunFinishedAsync("r1", RunStatus.Succeeded, null, new Dictionary<string, object?>(), T0.AddSeconds(5), CancellationToken.None).AsTask());
        var parked = await Assert.ThrowsAsync<StaleTicketException>(() =>
            Store.Journal.RunParkedAsync("r1", RunStatus.Suspended, "waiting", null, T0.AddSeconds(6), CancellationToken.None).AsTask());

        Assert.EndsWith("its end cannot be recorded: this worker must stop working on the run", finished.Message, StringComparison.Ordinal);
        Assert.Contains("it cannot be marked suspended", parked.Message, StringComparison.Ordinal);
        var document = (await Store.GetRunAsync("r1", CancellationToken.None))!;
        Assert.Equal(("running", null), (document.Run.Status, document.Run.EndedAt));
        Assert.Equal(["run.started"], document.Events.Select(e => e.Kind));
    }

    [Fact]
    public async Task RunParkedAsync_OwnedRun_SetsTheStatusAndAppendsItsEvent()
    {
        await Store.Journal.RunStartedAsync(Run("r1"), CancellationToken.None);

        await Store.Journal.RunParkedAsync("r1", RunStatus.Suspended, "waiting for approval", T0.AddHours(1), T0.AddSeconds(6), CancellationToken.None);

        var document = (await Store.GetRunAsync("r1", CancellationToken.None))!;
        Assert.Equal("suspended", document.Run.Status);
        Assert.Equal(("run.suspended", "suspended", "waiting for approval", T0.AddSeconds(6)), (document.Events[^1].Kind, document.Events[^1].Status, document.Events[^1].Reason, document.Events[^1].At));
    }

    [Fact]
    public async Task WriteOneCommandAsync_ItsSecondStatementFails_LeavesNothingOfTheFirst()
    {
        // A change sent as one command may go without BEGIN/COMMIT (PostgreSQL runs one command as one implicit
        // transaction): it must still be all or nothing.
        await Store.Journal.RunStartedAsync(Run("r1"), CancellationToken.None);
        await using var writer = new GroupCommitWriter(Store.Database);

        await Assert.ThrowsAsync<JournalUnavailableException>(() => writer.WriteOneCommandAsync(async (connection, transaction) =>
        {
            await using var command = Sql.Command(connection, transaction,
                """
                INSERT INTO step_skips (run_id, step_path, target, reason, at) VALUES (@id, 'written', 'web-1', 'first', @at);
                INSERT INTO step_skips (run_id, step_path, target, reason, at) VALUES (@id, 'refused', 'web-1', NULL, @at)
                """, ("id", "r1"), ("at", T0));
            await command.ExecuteNonQueryAsync(CancellationToken.None);
        }, "write two skips"));

        Assert.Empty((await Store.GetRunAsync("r1", CancellationToken.None))!.Skips);
    }

    /// <summary>What another worker's claim leaves: the run is that worker's now.</summary>
    private async Task GiveRunToAsync(string runId, string owner)
    {
        await using var connection = await Store.Database.OpenAsync(CancellationToken.None);
        await using var command = Sql.Command(connection, null, "UPDATE runs SET owner = @owner WHERE run_id = @id", ("owner", owner), ("id", runId));
        Assert.Equal(1, await command.ExecuteNonQueryAsync(CancellationToken.None));
    }

    [Fact]
    public async Task RunFinishedAsync_AfterSteps_RecordsStatusOutputsSkipsAndEventsInOrder()
    {
        await Store.Journal.RunStartedAsync(Run("r1"), CancellationToken.None);
        await Store.Journal.StepSkippedAsync("r1", "verify", "web-2", "the rollout halted", T0.AddSeconds(4), CancellationToken.None);

        await Store.Journal.RunFinishedAsync("r1", RunStatus.Failed, "step 'restart' failed on web-1", new Dictionary<string, object?> { ["restarted"] = false }, T0.AddSeconds(5), CancellationToken.None);

        var document = (await Store.GetRunAsync("r1", CancellationToken.None))!;
        Assert.Equal(("failed", "step 'restart' failed on web-1"), (document.Run.Status, document.Run.Error));
        Assert.Equal(T0.AddSeconds(5), document.Run.EndedAt);
        Assert.Equal(new Dictionary<string, object?> { ["restarted"] = false }, document.Run.Outputs);
        Assert.Equal(new StoredSkip("verify", "web-2", "the rollout halted", T0.AddSeconds(4)), Assert.Single(document.Skips));
        Assert.Equal(
            [("run.started", "running", "started by cli:alice"), ("run.finished", "failed", "step 'restart' failed on web-1")],
            document.Events.Select(e => (e.Kind, e.Status, e.Reason)));
        Assert.True(document.Events[0].Sequence < document.Events[1].Sequence);
    }

    [Fact]
    public async Task ListRunsAsync_SeveralRuns_NewestFirstFilteredAndWithoutSubRuns()
    {
        await Store.Journal.RunStartedAsync(Run("old", at: T0), CancellationToken.None);
        await Store.Journal.RunStartedAsync(Run("new", at: T0.AddMinutes(5)), CancellationToken.None);
        await Store.Journal.RunStartedAsync(Run("audit", runbook: "disk-audit", at: T0.AddMinutes(1)), CancellationToken.None);
        await Store.Journal.RunStartedAsync(Run("child", runbook: "notify", parent: "new", at: T0.AddMinutes(6)), CancellationToken.None);
        await Store.Journal.RunFinishedAsync("old", RunStatus.Succeeded, null, new Dictionary<string, object?>(), T0.AddMinutes(2), CancellationToken.None);

        var all = await Store.ListRunsAsync(new RunQuery(), CancellationToken.None);
        var nginx = await Store.ListRunsAsync(new RunQuery { Runbook = "restart-nginx" }, CancellationToken.None);
        var running = await Store.ListRunsAsync(new RunQuery { Status = "running" }, CancellationToken.None);
        var withChildren = await Store.ListRunsAsync(new RunQuery { IncludeChildren = true, Limit = 2 }, CancellationToken.None);

        Assert.Equal(["new", "audit", "old"], all.Select(r => r.RunId));
        Assert.Equal(["new", "old"], nginx.Select(r => r.RunId));
        Assert.Equal(["new", "audit"], running.Select(r => r.RunId));
        Assert.Equal(["child", "new"], withChildren.Select(r => r.RunId));
        Assert.Equal(["child"], (await Store.GetRunAsync("new", CancellationToken.None))!.ChildRunIds);
    }

    [Fact]
    public async Task GetRunAsync_UnknownId_ReturnsNull()
    {
        Assert.Null(await Store.GetRunAsync("nope", CancellationToken.None));
    }

    [Fact]
    public async Task MigrateAsync_SecondStart_AppliesNothing()
    {
        await using var database = ReopenDatabase();

        var applied = await Schema.SchemaMigrator.MigrateAsync(database, CancellationToken.None);

        Assert.Empty(applied);
    }

    [Fact]
    public async Task MigrateAsync_ServersStartingTogetherOnANewDatabase_EachMigrationIsAppliedOnce()
    {
        // A few rounds: the race this guards against (two sessions creating the same object) is narrow.
        for (var round = 0; round < 4; round++)
        {
            var open = AnotherNewDatabase();
            var servers = Enumerable.Range(0, 6).Select(_ => open()).ToArray();
            try
            {
                foreach (var database in servers)
                {
                    // A pooled connection per server, so none loses the race by paying its first connect.
                    await (await database.OpenAsync(CancellationToken.None)).DisposeAsync();
                }
                using var ready = new CountdownEvent(servers.Length);
                var starts = servers.Select(database => Task.Run(async () =>
                {
                    ready.Signal();
                    ready.Wait();
                    return await Schema.SchemaMigrator.MigrateAsync(database, CancellationToken.None);
                })).ToArray();

                var applied = (await Task.WhenAll(starts)).SelectMany(versions => versions).Order().ToList();

                Assert.Equal(Enumerable.Range(1, servers[0].Migrations.Max(m => m.Version)).ToList(), applied);
            }
            finally
            {
                foreach (var database in servers)
                {
                    await database.DisposeAsync();
                }
            }
        }
    }

    [Fact]
    public async Task Keys_CreateVerifyRevoke_OnlyTheHashIsStoredAndARevokedKeyIsRefused()
    {
        var (key, text) = await Store.Keys.CreateAsync("alice", Keys.ApiRole.Approver, "cli:root", T0, CancellationToken.None);

        var verified = await Store.Keys.VerifyAsync(text, CancellationToken.None);
        var forged = await Store.Keys.VerifyAsync(text[..^2] + (text[^2..] == "AA" ? "BB" : "AA"), CancellationToken.None);
        var duplicate = await Assert.ThrowsAsync<RunbooksException>(() => Store.Keys.CreateAsync("alice", Keys.ApiRole.Viewer, "cli:root", T0, CancellationToken.None));
        Assert.True(await Store.Keys.RevokeAsync("alice", T0.AddMinutes(1), CancellationToken.None));
        var revoked = await Store.Keys.VerifyAsync(text, CancellationToken.None);

        Assert.Equal(("alice", Keys.ApiRole.Approver), (verified!.Name, verified.Role));
        Assert.Null(forged);
        Assert.Null(revoked);
        Assert.Equal("there is already a key named alice; revoke it first (runbooks keys revoke alice) or choose another name", duplicate.Message);
        Assert.Equal(T0.AddMinutes(1), Assert.Single(await Store.Keys.ListAsync(CancellationToken.None)).RevokedAt);
        Assert.DoesNotContain(text["rbk_".Length..].Split('_', 2)[1], System.Text.Json.JsonSerializer.Serialize(await Store.Keys.ListAsync(CancellationToken.None)), StringComparison.Ordinal);
        Assert.StartsWith($"rbk_{key.Id}_", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_QueuedRun_IsCancelledOnceAndARunningOneGetsARequest()
    {
        await Store.Dispatch.QueueAsync(Run("queued-1"), "default", TimeSpan.Zero, CancellationToken.None);
        await Store.Journal.RunStartedAsync(Run("running-1"), CancellationToken.None);

        var cancelled = await Store.Cancellation.CancelAsync("queued-1", "alice", "not needed", T0, CancellationToken.None);
        var again = await Store.Cancellation.CancelAsync("queued-1", "alice", "twice", T0, CancellationToken.None);
        var requested = await Store.Cancellation.CancelAsync("running-1", "bob", "stop it", T0, CancellationToken.None);
        var missing = await Store.Cancellation.CancelAsync("nope", "bob", "stop it", T0, CancellationToken.None);

        Assert.Equal([CancelResult.Cancelled, CancelResult.AlreadyEnded, CancelResult.Requested, CancelResult.NotFound],
            new[] { cancelled.Result, again.Result, requested.Result, missing.Result });
        var run = (await Store.GetRunAsync("queued-1", CancellationToken.None))!;
        Assert.Equal(("cancelled", "cancelled by alice: not needed"), (run.Run.Status, run.Run.StatusReason));
        Assert.Equal("run.cancelled", run.Events[^1].Kind);
        Assert.Equal("running", (await Store.GetRunAsync("running-1", CancellationToken.None))!.Run.Status);
    }

    [Fact]
    public async Task TakeStrandedAsync_QueuedLongEnoughOnAnIdleQueue_TakesOnlyThoseAndOnce()
    {
        var grace = TimeSpan.FromMinutes(5);
        await Store.Dispatch.QueueAsync(Run("alert-1"), "remediation", grace, CancellationToken.None);
        await Store.Dispatch.QueueAsync(Run("manual-1"), "default", grace, CancellationToken.None);
        await Store.Dispatch.QueueAsync(Run("claimed-1"), "remediation", grace, CancellationToken.None);
        Assert.True(await Store.Journal.ClaimAsync("claimed-1", CancellationToken.None));
        await Task.Delay(50);

        var tooYoung = await Store.Dispatch.TakeStrandedAsync(["remediation"], TimeSpan.FromHours(1), grace, 10, CancellationToken.None);
        var taken = await Store.Dispatch.TakeStrandedAsync(["remediation"], TimeSpan.FromMilliseconds(1), grace, 10, CancellationToken.None);
        var justQueuedAgain = await Store.Dispatch.TakeStrandedAsync(["remediation"], TimeSpan.FromMinutes(1), grace, 10, CancellationToken.None);
        var noIdleQueue = await Store.Dispatch.TakeStrandedAsync([], TimeSpan.Zero, grace, 10, CancellationToken.None);

        Assert.Empty(tooYoung);
        Assert.Equal(new QueuedRun("alert-1", "remediation", "queued"), Assert.Single(taken));
        Assert.Empty(justQueuedAgain);
        Assert.Empty(noIdleQueue);
        Assert.Equal("queued", (await Store.GetRunAsync("alert-1", CancellationToken.None))!.Run.Status);
    }

    [Fact]
    public async Task Pauses_PauseTwiceAndResume_KeepTheFirstPause()
    {
        Assert.True(await Store.Pauses.PauseAsync("audit/weekly", "alice", "migration", T0, CancellationToken.None));
        Assert.False(await Store.Pauses.PauseAsync("audit/weekly", "bob", "other", T0, CancellationToken.None));

        var paused = (await Store.Pauses.ListAsync(CancellationToken.None))["audit/weekly"];
        Assert.True(await Store.Pauses.ResumeAsync("audit/weekly", CancellationToken.None));

        Assert.Equal(("alice", "migration", T0), (paused.PausedBy, paused.Reason, paused.PausedAt));
        Assert.Empty(await Store.Pauses.ListAsync(CancellationToken.None));
        Assert.False(await Store.Pauses.ResumeAsync("audit/weekly", CancellationToken.None));
    }

    [Fact]
    public async Task Saves_TwoVersionsAndADelete_AreListedNewestFirstWithWhoReplacedWhat()
    {
        await Store.Saves.RecordAsync("nginx", "nginx.yaml", "name: nginx\n", "h1", null, "alice", T0, CancellationToken.None);
        await Store.Saves.RecordAsync("nginx", "nginx.yaml", "name: nginx # v2\n", "h2", "h1", "bob", T0.AddMinutes(1), CancellationToken.None);
        await Store.Saves.RecordAsync("nginx", "nginx.yaml", null, null, "h2", "carol", T0.AddMinutes(2), CancellationToken.None);

        var history = await Store.Saves.HistoryAsync("nginx", 10, CancellationToken.None);

        Assert.Equal([(null, "h2", "carol"), ("h2", "h1", "bob"), ("h1", null, "alice")], history.Select(h => (h.ContentHash, h.PreviousHash, h.SavedBy)));
    }

    [Fact]
    public async Task ListRunsAsync_ByTriggerKind_MatchesTheKindAndExactTriggersOnly()
    {
        await Store.Journal.RunStartedAsync(Run("r1") with { Trigger = "alert:NginxDown" }, CancellationToken.None);
        await Store.Journal.RunStartedAsync(Run("r2") with { Trigger = "api:alice" }, CancellationToken.None);
        await Store.Journal.RunStartedAsync(Run("r3") with { Trigger = "alerting:x" }, CancellationToken.None);

        var alerts = await Store.ListRunsAsync(new RunQuery { Trigger = "alert" }, CancellationToken.None);
        var exact = await Store.ListRunsAsync(new RunQuery { Trigger = "api:alice" }, CancellationToken.None);
        var counts = await Store.CountRunsAsync(CancellationToken.None);

        Assert.Equal(["r1"], alerts.Select(r => r.RunId));
        Assert.Equal(["r2"], exact.Select(r => r.RunId));
        Assert.Equal(1, counts.Runs[("restart-nginx", "running", "alert")]);
        Assert.Equal(1, counts.Runs[("restart-nginx", "running", "api")]);
    }
}
