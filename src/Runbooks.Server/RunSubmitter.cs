using Hangfire;
using Hangfire.States;
using Runbooks.Core.Engine;
using Runbooks.Core.Journal;
using Runbooks.Storage;
using Serilog;

namespace Runbooks.Server;

/// <summary>
/// Puts runs in the queue: the run is recorded (queued, parameters checked, targets resolved, the runbook version
/// stored) before its Hangfire job exists, so a job always finds its run; a job lost with an in-memory queue is
/// replaced by the sweep after <see cref="WorkerOptions.QueueGrace"/>. A job that cannot be created (the queue's
/// database is slow or away) is not an error for the caller: the run is committed, and it is offered to the next sweep.
/// </summary>
public sealed class RunSubmitter : IDisposable
{
    /// <summary>Threads creating jobs: one creation is a few database round trips, so a few threads keep up with a storm.</summary>
    private const int CreationThreads = 4;

    private readonly JournalStore _store;
    private readonly RunEngine _engine;
    private readonly JobCreationThreads? _jobs;
    private readonly TimeSpan _grace;
    private readonly ILogger _log;

    /// <summary>
    /// A submitter over the journal and, when this process can reach the workers' Hangfire storage, its job client
    /// (null: only the journal; the workers' sweep picks the run up within a sweep interval).
    /// </summary>
    public RunSubmitter(JournalStore store, RunEngine engine, IBackgroundJobClient? jobs, TimeSpan grace, ILogger log)
    {
        (_store, _engine, _grace, _log) = (store, engine, grace, log);
        _jobs = jobs is null ? null : new JobCreationThreads(jobs, CreationThreads);
    }

    /// <summary>
    /// Queues <paramref name="request"/> on <paramref name="queue"/>; returns the run id (<paramref name="runId"/> when
    /// given: an idempotent start derives it from the client's token, so a second insert of the same run fails).
    /// </summary>
    public async Task<string> SubmitAsync(RunRequest request, string queue, CancellationToken cancellationToken, DateTimeOffset? wakeAt = null, string? waitReason = null,
        string? runId = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (RunQueues.Check(queue) is { } problem)
        {
            throw new Core.RunbooksException(problem);
        }
        // A secret parameter is never stored, so a worker could not run the queued run with it: refuse now, clearly,
        // rather than queue a run that fails later. Secrets for queued runs come from secrets.* (the secret provider).
        if (request.Runbook.Parameters.FirstOrDefault(p => p.Type == Core.Shapes.ValueKind.Secret && request.Parameters.ContainsKey(p.Name)) is { } secret)
        {
            throw new Core.RunbooksException(
                $"parameter '{secret.Name}' is a secret, and secret parameters are never stored, so a queued run cannot carry one; give the runbook the value through secrets.* (e.g. the RUNBOOKS_SECRET_* variables of the workers), or run it with runbooks run");
        }
        var (parameters, targets) = _engine.Prepare(request);
        var now = DateTimeOffset.UtcNow;
        runId ??= Guid.CreateVersion7(now).ToString("N");
        var record = new RunRecord
        {
            RunId = runId, Runbook = request.Runbook.Name, ContentHash = request.Runbook.ContentHash, RunbookSource = request.Runbook.Source,
            RunbookPath = request.Runbook.SourcePath, Trigger = request.Trigger, Parameters = parameters, Targets = targets,
            DryRun = request.DryRun, StartedAt = now,
        };
        // Without a job client the sweep is the only way in: no grace, it is offered at the next sweep.
        await _store.Dispatch.QueueAsync(record, queue, _jobs is null ? TimeSpan.Zero : _grace, cancellationToken, wakeAt, waitReason).ConfigureAwait(false);
        if (wakeAt is null)
        {
            await EnqueueAsync(runId, queue).ConfigureAwait(false);
        }
        return runId;
    }

    /// <summary>
    /// Creates the job for a run already queued in the journal. When Hangfire cannot create it, the failure is logged
    /// and the run is offered to the next sweep (within <see cref="WorkerOptions.SweepInterval"/>) instead of waiting
    /// out its queue grace; if even that cannot be recorded, the grace still brings it back. Never throws for that.
    /// </summary>
    public async Task EnqueueAsync(string runId, string queue)
    {
        if (_jobs is null)
        {
            return;
        }
        try
        {
            await _jobs.CreateAsync(Hangfire.Common.Job.FromExpression<RunJob>(job => job.ExecuteAsync(runId, CancellationToken.None)), new EnqueuedState(RunQueues.HangfireQueue(queue)))
                .ConfigureAwait(false);
        }
        catch (BackgroundJobClientException ex)
        {
            var log = _log.ForContext("RunId", runId);
            try
            {
                await _store.Dispatch.OfferToSweepAsync(runId, CancellationToken.None).ConfigureAwait(false);
                log.Warning(ex, "Run {RunId} is queued in the journal but its Hangfire job could not be created ({Error}); the next sweep queues it again",
                    runId, ex.InnerException?.Message ?? ex.Message);
            }
            catch (Core.RunbooksException journal)
            {
                log.Warning(ex, "Run {RunId} is queued in the journal but its Hangfire job could not be created ({Error}), nor could the journal be told ({JournalError}); the sweep queues it again after the queue grace",
                    runId, ex.InnerException?.Message ?? ex.Message, journal.Message);
            }
        }
    }

    /// <summary>Whether this process is creating a job right now (or has some waiting): a queued run may be one of them.</summary>
    public bool CreatingJobs => _jobs?.Busy ?? false;

    /// <summary>Creates the jobs already asked for, then stops the creation threads.</summary>
    public void Dispose() => _jobs?.Dispose();
}
