using Runbooks.Core.Engine;
using Runbooks.Core.Journal;
using Runbooks.Core.Shapes;
using Serilog;

namespace Runbooks.Core.Rollout;

/// <summary>
/// Moves a run through its hosts exactly as its <see cref="RolloutPlan"/> says (docs/rollouts.md): batch after batch,
/// at most <see cref="RolloutPlan.Concurrency"/> hosts at once. A host's failure is counted before its slot is freed,
/// so the failure that exceeds <see cref="RolloutPlan.MaxErrors"/> is seen by the next dispatch: from then on no host
/// starts, hosts already running finish, and every host not started is skipped with the reason.
/// </summary>
internal sealed class RolloutRunner(RolloutPlan plan, TimeProvider time, ILogger log)
{
    private readonly Lock _gate = new();
    private int _failures;
    private string? _halt;
    private int _skipped;

    /// <summary>
    /// True while the run is parked (in doubt, suspended, worker draining): hosts not started yet are left pending —
    /// neither started nor skipped — for the resumed run, and no health check runs.
    /// </summary>
    public Func<bool> Paused { get; init; } = () => false;

    /// <summary>Runs one host; never throws for the host's failure.</summary>
    public delegate Task<TargetRun> RunHost(string host, int batch, CancellationToken cancellationToken);

    /// <summary>Records a host that never started (halted or cancelled).</summary>
    public delegate Task<TargetRun> SkipHost(string host, int batch, string reason, StepStatus status);

    /// <summary>Checks health after a batch; null when healthy, else why not.</summary>
    public delegate Task<string?> CheckHealth(int batch, IReadOnlyList<TargetRun> done, CancellationToken cancellationToken);

    /// <summary>Runs every batch; returns each host's run in plan order, and why the rollout halted (or null).</summary>
    public async Task<(IReadOnlyList<TargetRun> Runs, string? Halt)> RunAsync(RunHost runHost, SkipHost skipHost, CheckHealth? healthCheck,
        CancellationToken cancellationToken)
    {
        var runs = new List<TargetRun>();
        for (var index = 0; index < plan.Batches.Count; index++)
        {
            var batch = index + 1;
            var hosts = plan.Batches[index];
            if (Halt is not null || cancellationToken.IsCancellationRequested || Paused())
            {
                foreach (var host in hosts)
                {
                    runs.Add(await SkipAsync(skipHost, host, batch, cancellationToken));
                }
                continue;
            }
            log.Information("Rollout batch {Batch}/{Batches} starts: {Hosts}", batch, plan.Batches.Count, string.Join(", ", hosts));
            runs.AddRange(await RunBatchAsync(runHost, skipHost, hosts, batch, cancellationToken));
            if (index == plan.Batches.Count - 1 || Halt is not null || cancellationToken.IsCancellationRequested || Paused())
            {
                continue;
            }
            if (plan.PauseBetweenBatches > TimeSpan.Zero)
            {
                log.Information("Rollout pauses {Pause} before batch {Next}", DurationParser.Format(plan.PauseBetweenBatches), batch + 1);
                try
                {
                    await Task.Delay(plan.PauseBetweenBatches, time, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    continue; // the next batches are recorded as cancelled
                }
            }
            if (healthCheck is not null && await healthCheck(batch, runs, cancellationToken) is { } unhealthy && !cancellationToken.IsCancellationRequested)
            {
                SetHalt($"the health check after batch {batch} failed ({unhealthy}); the rollout halted");
            }
        }
        // A halt that stopped nothing (the last host failed) is not news: the failures say it all.
        return (runs, Volatile.Read(ref _skipped) > 0 ? Halt : null);
    }

    private string? Halt
    {
        get
        {
            lock (_gate)
            {
                return _halt;
            }
        }
    }

    private async Task<TargetRun[]> RunBatchAsync(RunHost runHost, SkipHost skipHost, IReadOnlyList<string> hosts, int batch, CancellationToken cancellationToken)
    {
        var results = new Task<TargetRun>[hosts.Count];
        using var slots = new SemaphoreSlim(plan.Concurrency, plan.Concurrency);
        for (var i = 0; i < hosts.Count; i++)
        {
            var host = hosts[i];
            try
            {
                await slots.WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                results[i] = SkipAsync(skipHost, host, batch, cancellationToken);
                continue;
            }
            if (Halt is not null || cancellationToken.IsCancellationRequested || Paused())
            {
                slots.Release();
                results[i] = SkipAsync(skipHost, host, batch, cancellationToken);
                continue;
            }
            results[i] = Task.Run(async () =>
            {
                try
                {
                    var run = await runHost(host, batch, cancellationToken);
                    if (run.Result.Failed)
                    {
                        CountFailure(host);
                    }
                    return run;
                }
                finally
                {
                    // Released only after the failure is counted: the dispatcher, waiting for this slot, sees the halt.
                    slots.Release();
                }
            }, CancellationToken.None);
        }
        return await Task.WhenAll(results);
    }

    private void CountFailure(string host)
    {
        lock (_gate)
        {
            _failures++;
            if (_failures > plan.MaxErrors && _halt is null)
            {
                _halt = $"the rollout halted at failed host {_failures} ({host}): maxErrors is {plan.MaxErrors}; hosts already running finished, the rest were skipped";
                log.Warning("Rollout halted: {Halt}", _halt);
            }
        }
    }

    private void SetHalt(string reason)
    {
        lock (_gate)
        {
            _halt ??= reason;
        }
        log.Warning("Rollout halted: {Halt}", reason);
    }

    private Task<TargetRun> SkipAsync(SkipHost skipHost, string host, int batch, CancellationToken cancellationToken)
    {
        if (Paused() && !cancellationToken.IsCancellationRequested)
        {
            return skipHost(host, batch, "not started yet: the run is parked", StepStatus.Pending);
        }
        if (cancellationToken.IsCancellationRequested)
        {
            return skipHost(host, batch, "the run was cancelled before this host started", StepStatus.Cancelled);
        }
        Interlocked.Increment(ref _skipped);
        return skipHost(host, batch, $"not started: {Halt}", StepStatus.Skipped);
    }
}
