using Microsoft.Extensions.Time.Testing;
using Runbooks.Core;
using Runbooks.Core.Alerts;
using Runbooks.Core.Journal;

namespace Runbooks.Storage.Tests.Alerts;

/// <summary>Alert decisions on a real journal: dedup, cooldown, breaker, needs-human, resolve, verify, reset. Run on SQLite and PostgreSQL.</summary>
public abstract class AlertIntakeContract
{
    internal const string Heal = """
        name: heal
        parameters:
          instance: { type: string, required: true, pattern: "[a-z0-9.:-]+" }
        triggers:
          - alert:
              match: { alertname: NginxDown }
              params: { instance: "{{ alert.labels.instance }}" }
              cooldown: 10m
              maxRuns: { count: 2, per: 1h }
              verify: verify
        steps:
          - { id: say, action: log, with: { message: "fixing {{ alert.labels.instance }}" } }
          - { id: verify, action: assert, with: { that: "{{ params.instance != 'broken' }}", message: "still broken" } }
        """;

    private readonly FakeTimeProvider _time = new(AlertRig.Start);

    /// <summary>A fresh, empty database; each call must reach the same data.</summary>
    protected abstract JournalDatabase OpenDatabase();

    private async Task<AlertRig> RigAsync(params string[] channels)
    {
        var rig = await AlertRig.OpenAsync(OpenDatabase(), _time, channels);
        rig.Add(Heal);
        return rig;
    }

    [Fact]
    public async Task Receive_MatchingAlert_QueuesOneRunOnRemediationWithTheAlertKept()
    {
        await using var rig = await RigAsync();
        var alert = await rig.FireAsync("web-1");

        Assert.Equal(["matched", "started"], alert.Decisions.Select(d => d.KindText));
        Assert.Equal("trigger 'alert-1' of runbook 'heal' matches (alertname=\"NginxDown\")", alert.Decisions[0].Reason);
        var runId = alert.StartedRunIds.Single();
        Assert.Equal($"queued run {runId} on 'remediation' for this machine", alert.Decisions[1].Reason);
        var queued = await rig.Store.Dispatch.LoadAsync(runId, CancellationToken.None);
        Assert.Equal(("queued", "alert:heal/alert-1", "web-1"), (queued!.Status, queued.Trigger, queued.Parameters["instance"]));
        Assert.Equal("web-1", ((IReadOnlyDictionary<string, object?>)queued.Alert!["labels"]!)["instance"]);
        // A worker runs it with the alert variable it was queued with.
        var result = await rig.RunAsync(runId);
        Assert.Equal(RunStatus.Succeeded, result!.Status);
    }

    [Fact]
    public async Task Receive_SameNotificationAgain_IsDuplicateAndStartsNoSecondRun()
    {
        await using var rig = await RigAsync();
        var first = (await rig.FireAsync("web-1")).StartedRunIds.Single();
        var again = await rig.FireAsync("web-1");

        Assert.Equal($"this firing (startsAt 2026-01-07T03:00:00.000000Z) already has run {first}; a repeated notification starts no second run", again.Decisions[1].Reason);
        Assert.Equal((AlertDecisionKind.Duplicate, first), (again.Decisions[1].Kind, again.Decisions[1].RunId));
        Assert.Equal([first], await rig.Alerts.Queries.ListRunIdsAsync("fp-web-1", CancellationToken.None));
    }

    [Fact]
    public async Task Receive_NewFiringWhileTheRunIsQueued_IsDuplicate()
    {
        await using var rig = await RigAsync();
        var first = (await rig.FireAsync("web-1")).StartedRunIds.Single();
        var later = await rig.FireAsync("web-1", AlertRig.Start.AddMinutes(1));

        Assert.Equal($"run {first} for this alert is still queued; new firings start nothing until it ends", later.Decisions[1].Reason);
    }

    [Fact]
    public async Task Receive_WithinCooldownAfterTheRunEnded_IsCooldownThenStartsAfterIt()
    {
        await using var rig = await RigAsync();
        var first = (await rig.FireAsync("web-1")).StartedRunIds.Single();
        await rig.RunAsync(first);
        _time.Advance(TimeSpan.FromMinutes(9));
        var cooling = await rig.FireAsync("web-1", AlertRig.Start.AddMinutes(9));
        _time.Advance(TimeSpan.FromMinutes(1));
        var after = await rig.FireAsync("web-1", AlertRig.Start.AddMinutes(10));

        Assert.Equal($"run {first} for this alert ended 2026-01-07 03:00:00Z (succeeded); the cooldown of 10m lasts until 2026-01-07 03:10:00Z", cooling.Decisions[1].Reason);
        Assert.Equal(AlertDecisionKind.Cooldown, cooling.Decisions[1].Kind);
        Assert.Equal(AlertDecisionKind.Started, after.Decisions[1].Kind);
    }

    [Fact]
    public async Task Receive_BreakerLimitReached_TripsOnceEscalatesOncePerChannelUntilReset()
    {
        await using var rig = await RigAsync("webhook", "email");
        for (var i = 0; i < 2; i++)
        {
            var run = (await rig.FireAsync("web-1", AlertRig.Start.AddMinutes(20 * i))).StartedRunIds.Single();
            await rig.RunAsync(run);
            _time.Advance(TimeSpan.FromMinutes(20));
        }
        // Many firings at once after the limit: exactly one trip.
        var storm = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => rig.FireAsync("web-1", AlertRig.Start.AddMinutes(40 + i))));

        var decisions = storm.Select(a => a.Decisions[1]).ToList();
        Assert.All(decisions, d => Assert.Equal(AlertDecisionKind.BreakerOpen, d.Kind));
        var tripped = Assert.Single(decisions, d => d.Reason.Contains("the breaker tripped", StringComparison.Ordinal));
        Assert.Equal("2 automatic run(s) of 'heal' for this alert in the last 1h (maxRuns 2 per 1h); the breaker tripped: no automatic run, escalated on webhook, email, no automatic run for this alert until it is reset", tripped.Reason);
        Assert.All(decisions.Where(d => d != tripped), d => Assert.StartsWith("the breaker for this alert is open since 2026-01-07 03:40:00Z (2 automatic run(s)", d.Reason, StringComparison.Ordinal));
        var escalations = await rig.Alerts.Outbox.ListAsync(pendingOnly: true, CancellationToken.None);
        Assert.Equal(["email", "webhook"], escalations.Select(e => e.Channel).Order());
        Assert.All(escalations, e => Assert.Equal(("breakerTripped", "Runbooks: breaker tripped for NginxDown on this machine (heal)"), (e.Kind, e.Subject)));
        var breaker = Assert.Single(await rig.Alerts.Queries.ListBreakersAsync(includeReset: false, CancellationToken.None));
        Assert.Equal(("fingerprint", "fp-web-1"), (breaker.Scope, breaker.Key));
        Assert.Equal(2, (await rig.Alerts.Queries.ListRunIdsAsync("fp-web-1", CancellationToken.None)).Count);

        // A reset gives the alert a fresh budget.
        var reset = await rig.Alerts.ResetAsync("fp-web-1", "alice", "nginx config fixed by hand", CancellationToken.None);
        Assert.Equal((1, 0, "alice"), (reset.Breakers.Count, reset.NeedsHuman.Count, reset.By));
        Assert.Equal("nginx config fixed by hand", Assert.Single(await rig.Alerts.Queries.ListBreakersAsync(includeReset: true, CancellationToken.None)).ResetComment);
        Assert.Equal(AlertDecisionKind.Started, (await rig.FireAsync("web-1", AlertRig.Start.AddMinutes(70))).Decisions[1].Kind);
    }

    internal const string Remote = """
        name: remote
        parameters: { host: { type: string, required: true } }
        targets: { hosts: ["{{ params.host }}"] }
        triggers:
          - alert: { match: { alertname: { regex: "Nginx.*|Disk.*" } }, params: { host: "{{ alert.labels.instance }}" }, maxRuns: { count: 2, per: 1h } }
        steps:
          - { id: a, action: log, with: { message: hi } }
        """;

    [Fact]
    public async Task Receive_TargetLimitReachedAcrossAlerts_MarksTheHostNeedsHumanUntilReset()
    {
        await using var rig = await RigAsync("webhook");
        rig.Runbooks.Clear();
        rig.Add(Remote);
        // Two different alerts remediated on one host: the third alert there trips the host's breaker.
        await rig.FireAsync("web-1", alertname: "NginxDown");
        await rig.FireAsync("web-1", alertname: "DiskFull");
        var third = await rig.FireAsync("web-1", alertname: "NginxSlow");
        var fourth = await rig.FireAsync("web-1", alertname: "DiskSlow");
        var elsewhere = await rig.FireAsync("web-2", alertname: "NginxDown");

        Assert.Equal("2 automatic run(s) on web-1 in the last 1h (maxRuns 2 per 1h); the breaker tripped: no automatic run, escalated on webhook, web-1 marked as needing a human until reset",
            third.Decisions[1].Reason);
        Assert.Equal(AlertDecisionKind.NeedsHuman, fourth.Decisions[1].Kind);
        Assert.StartsWith("web-1 needs a human since 2026-01-07 03:00:00Z (the breaker tripped: 2 automatic run(s) on web-1", fourth.Decisions[1].Reason, StringComparison.Ordinal);
        Assert.Equal(AlertDecisionKind.Started, elsewhere.Decisions[1].Kind);
        Assert.Equal(("target", "web-1"), (await rig.Alerts.Queries.ListBreakersAsync(false, CancellationToken.None)) is [var b] ? (b.Scope, b.Key) : default);
        Assert.Equal("web-1", Assert.Single(await rig.Alerts.Queries.ListNeedsHumanAsync(false, CancellationToken.None)).Target);

        var reset = await rig.Alerts.ResetAsync("web-1", "bob", "disk replaced", CancellationToken.None);
        Assert.Equal((1, 1), (reset.Breakers.Count, reset.NeedsHuman.Count));
        Assert.Empty(await rig.Alerts.Queries.ListNeedsHumanAsync(false, CancellationToken.None));
        Assert.Equal(AlertDecisionKind.Started, (await rig.FireAsync("web-1", alertname: "DiskSlow")).Decisions[1].Kind);
    }

    [Fact]
    public async Task ResetAsync_NothingOpen_ThrowsSayingSo()
    {
        await using var rig = await RigAsync();
        var ex = await Assert.ThrowsAsync<RunbooksException>(() => rig.Alerts.ResetAsync("web-9", "alice", "", CancellationToken.None));
        Assert.Equal("nothing to reset for 'web-9': no open breaker and no needs-human mark has that target or fingerprint; list them with the alerts breakers query", ex.Message);
    }

    [Fact]
    public async Task Receive_Resolved_CancelsTheQueuedRunButNotOneAWorkerClaimed()
    {
        await using var rig = await RigAsync();
        var queued = (await rig.FireAsync("web-1")).StartedRunIds.Single();
        var claimed = (await rig.FireAsync("web-2")).StartedRunIds.Single();
        Assert.True(await rig.Store.Journal.ClaimAsync(claimed, CancellationToken.None));

        var resolved = await rig.FireAsync("web-1", status: "resolved");
        var stillResolved = await rig.FireAsync("web-2", status: "resolved");

        Assert.Equal($"resolved; cancelled queued run(s) {queued}", Assert.Single(resolved.Decisions).Reason);
        Assert.Equal($"resolved; no queued run to cancel; left to finish: {claimed} (taken by a worker)", Assert.Single(stillResolved.Decisions).Reason);
        var run = await rig.Store.GetRunAsync(queued, CancellationToken.None);
        Assert.Equal(("cancelled", "cancelled: the alert resolved before a worker started the run"), (run!.Run.Status, run.Run.Error));
        Assert.Contains(run.Events, e => e.Kind == "run.cancelled");
        Assert.Null(await rig.RunAsync(queued)); // a job delivered later does nothing
        Assert.Equal("queued", (await rig.Store.GetRunAsync(claimed, CancellationToken.None))!.Run.Status);
    }

    [Fact]
    public async Task RunEndedAsync_VerifyStepFailed_IsAFailedRemediationEscalatedOnce()
    {
        await using var rig = await RigAsync("webhook");
        var runId = (await rig.FireAsync("broken")).StartedRunIds.Single();
        await rig.RunAsync(runId);

        var outcome = await rig.Alerts.RunEndedAsync(runId, ["webhook"], CancellationToken.None);
        var again = await rig.Alerts.RunEndedAsync(runId, ["webhook"], CancellationToken.None);

        Assert.Equal(("failed", true), (outcome!.Outcome, outcome.Escalated));
        Assert.StartsWith("the run failed: ", outcome.Reason, StringComparison.Ordinal);
        Assert.Equal((outcome.Reason, false), (again!.Reason, again.Escalated));
        var escalation = Assert.Single(await rig.Alerts.Outbox.ListAsync(pendingOnly: true, CancellationToken.None));
        Assert.Equal(("remediationFailed", $"failed:{runId}", $"Runbooks: remediation failed: heal (run {runId})"), (escalation.Kind, escalation.DedupKey, escalation.Subject));
    }

    [Fact]
    public async Task RunEndedAsync_SucceededRun_IsSucceededWithoutEscalation()
    {
        await using var rig = await RigAsync("webhook");
        var runId = (await rig.FireAsync("web-1")).StartedRunIds.Single();
        await rig.RunAsync(runId);

        var outcome = await rig.Alerts.RunEndedAsync(runId, ["webhook"], CancellationToken.None);
        Assert.Equal(("succeeded", "the run succeeded and its verify step 'verify' passed or did not run", false), (outcome!.Outcome, outcome.Reason, outcome.Escalated));
        Assert.Empty(await rig.Alerts.Outbox.ListAsync(pendingOnly: false, CancellationToken.None));
        Assert.Null(await rig.Alerts.RunEndedAsync("not-an-alert-run", ["webhook"], CancellationToken.None));
    }

    [Fact]
    public async Task Receive_HostOutsideTheInventory_IsRejectedAndQueuesNothing()
    {
        await using var rig = await RigAsync();
        rig.Runbooks.Clear();
        rig.Add("""
            name: remote
            parameters: { host: { type: string, required: true } }
            targets: { hosts: ["{{ params.host }}"] }
            triggers:
              - alert: { match: { alertname: NginxDown }, params: { host: "{{ alert.labels.instance }}" } }
            steps:
              - { id: a, action: log, with: { message: hi } }
            """);
        var alert = await rig.FireAsync("evil.example.com");

        Assert.Equal(AlertDecisionKind.Rejected, alert.Decisions[1].Kind);
        Assert.StartsWith("host 'evil.example.com' is not in the inventory (inventory.yaml)", alert.Decisions[1].Reason, StringComparison.Ordinal);
        Assert.Empty(await rig.Store.ListRunsAsync(new RunQuery(), CancellationToken.None));
    }

    [Fact]
    public async Task Receive_NoTriggerMatches_IsNoMatch()
    {
        await using var rig = await RigAsync();
        var alert = await rig.FireAsync("web-1", alertname: "DiskFull");
        Assert.Equal(("noMatch", "no alert trigger matches; 1 alert trigger(s) in 1 runbook(s) checked"), (Assert.Single(alert.Decisions).KindText, alert.Decisions[0].Reason));
    }

    [Fact]
    public async Task Receive_LabelOverTheLimit_IsStoredRejectedWithTheReason()
    {
        await using var rig = await RigAsync();
        var alert = await rig.FireAsync(new string('a', 64 * 1024));

        Assert.Equal("label 'instance' is 65536 bytes long; at most 1024 bytes are accepted (Runbooks:Alerts:Limits:MaxLabelValueBytes)", Assert.Single(alert.Decisions).Reason);
        var stored = Assert.Single(await rig.Alerts.Queries.ListAlertsAsync(new Runbooks.Storage.Alerts.AlertQuery(), CancellationToken.None));
        Assert.Equal((alert.Seq, AlertDecisionKind.Rejected), (stored.Seq, stored.Decisions.Single().Kind));
    }

    [Fact]
    public async Task Queries_CountDecisions_CountsEveryKind()
    {
        await using var rig = await RigAsync();
        await rig.FireAsync("web-1");
        await rig.FireAsync("web-1");
        await rig.FireAsync("web-1", alertname: "Other");

        var counts = await rig.Alerts.Queries.CountDecisionsAsync(null, CancellationToken.None);
        Assert.Equal((2L, 1L, 1L, 1L, 0L), (counts[AlertDecisionKind.Matched], counts[AlertDecisionKind.Started], counts[AlertDecisionKind.Duplicate], counts[AlertDecisionKind.NoMatch], counts[AlertDecisionKind.Cooldown]));
        Assert.Equal(3, await rig.Alerts.Queries.CountAlertsAsync(null, CancellationToken.None));
        Assert.Single(await rig.Alerts.Queries.ListDecisionsAsync(new Runbooks.Storage.Alerts.AlertDecisionQuery { Kind = AlertDecisionKind.Duplicate }, CancellationToken.None));
    }

    [Fact]
    public async Task Outbox_FailedSendIsRetriedLaterAndASentOneIsNotTakenAgain()
    {
        await using var rig = await RigAsync("webhook");
        var runId = (await rig.FireAsync("broken")).StartedRunIds.Single();
        await rig.RunAsync(runId);
        await rig.Alerts.RunEndedAsync(runId, ["webhook"], CancellationToken.None);

        var taken = Assert.Single(await rig.Alerts.Outbox.TakeDueAsync(10, TimeSpan.FromMinutes(1), CancellationToken.None));
        Assert.Empty(await rig.Alerts.Outbox.TakeDueAsync(10, TimeSpan.FromMinutes(1), CancellationToken.None)); // claimed
        await rig.Alerts.Outbox.MarkFailedAsync(taken.Id, "connection refused", _time.GetUtcNow().AddMinutes(1), CancellationToken.None);
        Assert.Empty(await rig.Alerts.Outbox.TakeDueAsync(10, TimeSpan.FromMinutes(1), CancellationToken.None)); // not due yet
        _time.Advance(TimeSpan.FromMinutes(1));
        var retried = Assert.Single(await rig.Alerts.Outbox.TakeDueAsync(10, TimeSpan.FromMinutes(1), CancellationToken.None));
        Assert.Equal((2, "connection refused"), (retried.Attempts, retried.LastError));
        await rig.Alerts.Outbox.MarkSentAsync(retried.Id, CancellationToken.None);
        _time.Advance(TimeSpan.FromHours(1));
        Assert.Empty(await rig.Alerts.Outbox.TakeDueAsync(10, TimeSpan.FromMinutes(1), CancellationToken.None));
    }

    /// <summary>
    /// The storm: 10,000 notifications over 50 alerts (each retried, and re-fired with new start times), from four
    /// intake instances at once (four writers, as four server processes would have), many in parallel: exactly 50 runs.
    /// </summary>
    [Fact]
    public async Task Receive_StormOf10000NotificationsOver50Fingerprints_StartsExactly50Runs()
    {
        var rigs = new List<AlertRig>();
        for (var i = 0; i < 4; i++)
        {
            rigs.Add(await RigAsync());
        }
        try
        {
            var notifications = Enumerable.Range(0, 10_000)
                .Select(i => AlertRig.Notification($"web-{i % 50}", AlertRig.Start.AddSeconds(i / 50 % 7)))
                .ToList();
            await Parallel.ForEachAsync(Enumerable.Range(0, notifications.Count), new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (i, token) =>
                await rigs[i % rigs.Count].Intake.ReceiveAlertmanagerAsync(notifications[i], token));

            var runs = await rigs[0].Store.ListRunsAsync(new RunQuery { Limit = 1000 }, CancellationToken.None);
            Assert.Equal(50, runs.Count);
            Assert.Equal(50, runs.Select(r => r.Parameters["instance"]).Distinct().Count());
            var counts = await rigs[0].Alerts.Queries.CountDecisionsAsync(null, CancellationToken.None);
            Assert.Equal((10_000L, 50L, 9_950L), (counts[AlertDecisionKind.Matched], counts[AlertDecisionKind.Started], counts[AlertDecisionKind.Duplicate]));
            Assert.Equal(10_000, await rigs[0].Alerts.Queries.CountAlertsAsync(null, CancellationToken.None));
        }
        finally
        {
            foreach (var rig in rigs)
            {
                await rig.DisposeAsync();
            }
        }
    }
}
