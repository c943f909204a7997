using Hangfire;
using Hangfire.States;
using Runbooks.Core.Engine;
using Runbooks.Core.Journal;
using Runbooks.Storage;

namespace Runbooks.Server;

/// <summary>
/// Puts runs in the queue: the run is recorded (queued, parameters checked, targets resolved, the runbook version
/// stored) before its Hangfire job exists, so a job always finds its run; a job lost with an in-memory queue is
/// replaced by the sweep after <see cref="WorkerOptions.QueueGrace"/>.
/// </summary>
public sealed class RunSubmitter
{
    private readonly JournalStore _store;
    private readonly RunEngine _engine;
    private readonly IBackgroundJobClient? _jobs;
    private readonly TimeSpan _grace;

    /// <summary>
    /// A submitter over the journal and, when this process can reach the workers' Hangfire storage, its job client
    /// (null: only the journal; the workers' sweep picks the run up within a sweep interval).
    /// </summary>
    public RunSubmitter(JournalStore store, RunEngine engine, IBackgroundJobClient? jobs, TimeSpan grace)
    {
        (_store, _engine, _jobs, _grace) = (store, engine, jobs, grace);
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
            Enqueue(runId, queue);
        }
        return runId;
    }

    /// <summary>Creates the job for a run already queued in the journal.</summary>
    public void Enqueue(string runId, string queue)
    {
        _jobs?.Create(Hangfire.Common.Job.FromExpression<RunJob>(job => job.ExecuteAsync(runId, CancellationToken.None)), new EnqueuedState(queue));
    }
}
