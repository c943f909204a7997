using System.Collections.Concurrent;
using Runbooks.Storage;
using Serilog;

namespace Runbooks.Server;

/// <summary>
/// Turns a cancel request in the journal (<c>POST /api/v1/runs/{id}/cancel</c> while a worker runs the run) into the
/// run's cancellation on the worker that runs it, within a second: the running step is stopped, <c>finally</c> steps
/// run and the run ends cancelled — as Ctrl+C does for a run in the CLI. One query per second for all runs of this worker.
/// </summary>
internal sealed class RunCancelWatch : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _runs = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly RunCancellation _cancellation;
    private readonly ILogger _log;
    private readonly Task _loop;

    public RunCancelWatch(RunCancellation cancellation, ILogger log)
    {
        (_cancellation, _log) = (cancellation, log);
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Watches <paramref name="runId"/> while the returned registration lives; its token is the run's cancellation.</summary>
    public Registration Watch(string runId)
    {
        var source = new CancellationTokenSource();
        _runs[runId] = source;
        return new Registration(this, runId, source);
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                if (_runs.IsEmpty)
                {
                    continue;
                }
                try
                {
                    foreach (var (runId, reason) in await _cancellation.RequestedAsync([.. _runs.Keys], _stop.Token).ConfigureAwait(false))
                    {
                        if (_runs.TryGetValue(runId, out var source) && !source.IsCancellationRequested)
                        {
                            _log.ForContext("RunId", runId).Warning("Run {RunId}: {Reason}; stopping it", runId, reason);
                            await source.CancelAsync().ConfigureAwait(false);
                        }
                    }
                }
                catch (Exception ex) when (ex is Core.RunbooksException or System.Data.Common.DbException or InvalidOperationException or TimeoutException)
                {
                    // The journal is away: no request can be read, and the run's own writes will say so.
                    _log.Debug("Cancel requests could not be read: {Error}", ex.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    /// <summary>A watched run; dispose when the run's job ends.</summary>
    internal sealed class Registration(RunCancelWatch watch, string runId, CancellationTokenSource source) : IDisposable
    {
        public CancellationToken Token => source.Token;

        public void Dispose()
        {
            watch._runs.TryRemove(new KeyValuePair<string, CancellationTokenSource>(runId, source));
            source.Dispose();
        }
    }
}
