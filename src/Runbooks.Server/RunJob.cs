using Hangfire;
using Runbooks.Core;
using Runbooks.Core.Journal;
using Runbooks.Storage;
using Serilog;

namespace Runbooks.Server;

/// <summary>
/// The Hangfire job that runs (or continues) one run. Its only argument is the run's id: everything else is in the
/// journal. Hangfire's own retries are off — retries follow each step's policy, and a job delivered twice does nothing
/// the second time (the run is claimed, or already ended). Hangfire's shutdown token is the run's drain signal: on
/// SIGTERM no new step starts, running steps finish, and the run is handed back for the next worker.
/// </summary>
public sealed class RunJob
{
    private readonly WorkerServices _services;

    internal RunJob(WorkerServices services) => _services = services;

    /// <summary>Runs or continues <paramref name="runId"/>.</summary>
    [AutomaticRetry(Attempts = 0, OnAttemptsExceeded = AttemptsExceededAction.Delete)]
    [JobDisplayName("run {0}")]
    public async Task ExecuteAsync(string runId, CancellationToken shutdown)
    {
        var log = _services.Log.ForContext("RunId", runId);
        if (!_services.Running.TryAdd(runId, 0))
        {
            // Jobs may be delivered twice (the sweep re-queued a run whose lease looked expired, a fetch repeated):
            // the run is already going on here, and running it twice at once would record every step twice.
            log.Information("Run {RunId} is already running on this worker; this delivery of its job does nothing", runId);
            return;
        }
        using var cancel = _services.CancelWatch.Watch(runId);
        try
        {
            var result = await _services.Continuation.ContinueAsync(runId, new ContinueOptions
            {
                By = _services.WorkerName, Reason = "picked up by a worker", Drain = shutdown,
            }, cancel.Token).ConfigureAwait(false);
            if (result is null)
            {
                log.Debug("Run {RunId}: nothing to do on this worker (owned elsewhere, ended, or in doubt)", runId);
            }
            else if (result is { StartedByAlert: true, Status: RunStatus.Succeeded or RunStatus.Failed or RunStatus.Cancelled } && _services.RunEnded is { } ended)
            {
                // Only an alert's run has a remediation outcome to record: the others skip the lookup, a round trip per run.
                await NotifyEndedAsync(ended, runId, log).ConfigureAwait(false);
            }
        }
        catch (RunbooksException ex) when (_services.Store.Database.IsUnavailable(ex))
        {
            // The journal went away mid-run: what was not recorded counts as interrupted. Let the lease run out; the
            // sweep continues the run when the database is back (docs/guarantees.md).
            _services.Store.Journal.Abandon(runId);
            log.Error("Run {RunId} stopped: the journal cannot be written ({Error}); it continues on a worker once the database is back", runId, ex.Message);
        }
        catch (RunbooksException ex) when (ex is not StaleTicketException)
        {
            // The run cannot start or continue (its parameters no longer fit, a secret parameter is not stored, the
            // runbook version does not load): it ends failed, with the reason, instead of being offered forever.
            log.Error("Run {RunId} cannot run: {Error}", runId, ex.Message);
            await FailAsync(runId, ex.Message).ConfigureAwait(false);
        }
        catch (StaleTicketException ex)
        {
            log.Warning("Run {RunId} was taken over by another worker; this worker stopped working on it: {Error}", runId, ex.Message);
        }
        finally
        {
            _services.Running.TryRemove(runId, out _);
        }
    }

    private static async Task NotifyEndedAsync(Func<string, CancellationToken, Task> ended, string runId, ILogger log)
    {
        try
        {
            await ended(runId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (RunbooksException ex)
        {
            // The run's record is complete; only what follows it (an alert's breaker count) is late, and is logged.
            log.Error("Run {RunId} ended, but recording its remediation outcome failed: {Error}", runId, ex.Message);
        }
    }

    private async Task FailAsync(string runId, string error)
    {
        try
        {
            if (await _services.Store.Journal.ClaimAsync(runId, CancellationToken.None).ConfigureAwait(false))
            {
                await _services.Store.Journal.RunFinishedAsync(runId, RunStatus.Failed, error, new Dictionary<string, object?>(), DateTimeOffset.UtcNow, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (RunbooksException ex)
        {
            _services.Log.Error("Run {RunId}: the failure could not be recorded either: {Error}", runId, ex.Message);
        }
    }
}
