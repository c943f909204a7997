using Hangfire;
using Runbooks.Core;
using Runbooks.Core.Scheduling;
using Serilog;

namespace Runbooks.Server;

/// <summary>
/// The Hangfire recurring job of one schedule (<c>triggers: - schedule:</c>). When it fires it asks the maintenance
/// gate: inside the window (or no window) the run is queued on <c>maintenance</c>; outside it the run waits, suspended,
/// for the window to open (<c>outsideWindow: wait</c>, holding no worker) or is not started (<c>skip</c>); in a freeze, or while the
/// schedule is paused (API or CLI), it is not started. Every decision is logged with its reason; a run that is queued or waits is in the journal.
/// </summary>
public sealed class ScheduleJob
{
    private readonly WorkerServices _services;
    private readonly Func<ScheduleCatalog> _catalog;
    private readonly ScheduleGate _gate;

    internal ScheduleJob(WorkerServices services, Func<ScheduleCatalog> catalog, ScheduleGate gate) =>
        (_services, _catalog, _gate) = (services, catalog, gate);

    /// <summary>Fires schedule <paramref name="scheduleId"/> (<c>&lt;runbook&gt;/&lt;trigger id&gt;</c>).</summary>
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [JobDisplayName("schedule {0}")]
    public async Task FireAsync(string scheduleId, CancellationToken cancellationToken)
    {
        var log = _services.Log.ForContext("Schedule", scheduleId);
        if (_catalog().Entry(scheduleId) is not { } entry)
        {
            log.Warning("Schedule {Schedule} fired but no runbook declares it any more; nothing ran", scheduleId);
            return;
        }
        var pauses = await _services.Store.Pauses.ListAsync(cancellationToken).ConfigureAwait(false);
        if (pauses.TryGetValue(scheduleId, out var pause))
        {
            log.Warning("Schedule {Schedule} fired and did not run: paused by {By} at {At} ({Reason}); resume it to run again",
                scheduleId, pause.PausedBy, pause.PausedAt, pause.Reason);
            return;
        }
        var now = DateTimeOffset.UtcNow;
        var decision = _gate.Decide(entry, now);
        var request = entry.CreateRequest(now);
        try
        {
            switch (decision)
            {
                case GateDecision.RunNow:
                    var runId = await _services.Submitter.SubmitAsync(request, RunQueues.Maintenance, cancellationToken).ConfigureAwait(false);
                    log.Information("Schedule {Schedule} fired: run {RunId} queued", scheduleId, runId);
                    break;
                case GateDecision.WaitUntil wait:
                    var waiting = await _services.Submitter.SubmitAsync(request, RunQueues.Maintenance, cancellationToken, wait.Instant,
                        $"outside maintenance window {wait.Window}: waits until {wait.Instant:u}").ConfigureAwait(false);
                    log.Information("Schedule {Schedule} fired outside window {Window}: run {RunId} waits until {Until}", scheduleId, wait.Window, waiting, wait.Instant);
                    break;
                default:
                    log.Warning("Schedule {Schedule} fired and did not run: {Decision}", scheduleId, decision.ToString());
                    break;
            }
        }
        catch (RunbooksException ex)
        {
            log.Error("Schedule {Schedule} fired and its run could not be queued: {Error}", scheduleId, ex.Message);
        }
    }
}
