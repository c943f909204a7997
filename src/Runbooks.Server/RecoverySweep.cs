using Runbooks.Core;
using Serilog;

namespace Runbooks.Server;

/// <summary>
/// Every sweep interval, on every worker: runs whose worker died (lease expired on the database clock), runs handed
/// back by a worker that shut down, queued runs whose job was lost, and suspended runs whose time came or that were
/// decided, are queued again — each taken atomically by one worker. So are queued runs whose job was lost after a
/// fetch: unclaimed for <see cref="WorkerOptions.StrandedAfter"/> on a queue with no job waiting. The database being
/// away is logged and retried: the worker recovers by itself when it comes back.
/// </summary>
internal sealed class RecoverySweep(WorkerServices services) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private bool _databaseDown;

    public void Start() => _loop = Task.Run(LoopAsync);

    /// <summary>One sweep; returns how many runs it queued.</summary>
    public async Task<int> SweepOnceAsync(CancellationToken cancellationToken)
    {
        var taken = await services.Store.Dispatch.TakeRecoverableAsync(DateTimeOffset.UtcNow, services.Options.QueueGrace, 100, cancellationToken).ConfigureAwait(false);
        foreach (var run in taken)
        {
            services.Log.ForContext("RunId", run.RunId).Information("Run {RunId} ({Was}) queued again on {Queue} by the sweep", run.RunId, run.WasStatus, run.Queue);
            await services.Submitter.EnqueueAsync(run.RunId, run.Queue).ConfigureAwait(false);
        }
        // While this process is still creating jobs, a run without one may just be waiting for its creation: not stranded.
        var stranded = services.Submitter.CreatingJobs ? [] : await services.Store.Dispatch.TakeStrandedAsync(IdleQueues(), services.Options.StrandedAfter,
            services.Options.QueueGrace, 100, cancellationToken).ConfigureAwait(false);
        foreach (var run in stranded)
        {
            services.Log.ForContext("RunId", run.RunId).Warning(
                "Run {RunId} was queued on {Queue} more than {StrandedAfter} ago and no worker took it, though no job is waiting on that queue: its job was lost after a fetch; queued again by the sweep",
                run.RunId, run.Queue, services.Options.StrandedAfter);
            await services.Submitter.EnqueueAsync(run.RunId, run.Queue).ConfigureAwait(false);
        }
        return taken.Count + stranded.Count;
    }

    /// <summary>The queues of this process with no job waiting to be fetched: a run queued there long ago and not taken is stranded.</summary>
    private List<string> IdleQueues()
    {
        try
        {
            var monitoring = services.HangfireStorage.GetMonitoringApi();
            // A job may still wait under the queue's plain name (queued before queues were ranked): that counts too.
            return [.. services.Options.Queues.Where(queue => monitoring.EnqueuedCount(RunQueues.HangfireQueue(queue)) + monitoring.EnqueuedCount(queue) == 0)];
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or TimeoutException or InvalidOperationException)
        {
            // Hangfire's storage cannot say (its database is away): no run counts as stranded this time.
            services.Log.Debug("The sweep could not read Hangfire's queues ({Error}); no stranded-run check this time", ex.Message);
            return [];
        }
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(services.Options.SweepInterval);
        do
        {
            try
            {
                await SweepOnceAsync(_stop.Token).ConfigureAwait(false);
                if (_databaseDown)
                {
                    services.Log.Information("The journal database is reachable again; the sweep resumed");
                    _databaseDown = false;
                }
            }
            catch (RunbooksException ex)
            {
                if (!_databaseDown)
                {
                    services.Log.Error("The sweep cannot reach the journal ({Error}); retrying every {Interval}", ex.Message, services.Options.SweepInterval);
                    _databaseDown = true;
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
        }
        while (await WaitAsync(timer).ConfigureAwait(false));
    }

    private async Task<bool> WaitAsync(PeriodicTimer timer)
    {
        try
        {
            return await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }
        _stop.Dispose();
    }
}
