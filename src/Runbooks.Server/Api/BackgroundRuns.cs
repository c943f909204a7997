using System.Collections.Concurrent;
using Runbooks.Core;
using Runbooks.Core.Diagnostics;
using Runbooks.Storage;

namespace Runbooks.Server.Api;

/// <summary>
/// Runs an operator's resume (<c>POST /runs/{id}/resume</c>) in this server process, as <c>runbooks runs resume</c>
/// would in the CLI, without holding the HTTP request: the answer comes once the run is claimed (or refused, with the
/// reason), the run goes on in the background, and stopping the server drains it like any worker run.
/// </summary>
internal sealed class BackgroundRuns(ServerContext server) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Task> _running = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _drain = new();

    /// <summary>Starts the continuation; returns null once it is under way, or the refusal's message.</summary>
    public async Task<string?> ResumeAsync(string runId, ContinueOptions options)
    {
        if (_running.ContainsKey(runId))
        {
            return $"run {runId} is already being resumed by this server";
        }
        var continuation = new RunContinuation(server.Store, server.Setup.Loader, server.Setup.Engine);
        var task = Task.Run(async () =>
        {
            var result = await continuation.ContinueAsync(runId, options with { Drain = _drain.Token }, CancellationToken.None).ConfigureAwait(false);
            if (result?.Status is Core.Journal.RunStatus.Succeeded or Core.Journal.RunStatus.Failed or Core.Journal.RunStatus.Cancelled)
            {
                // A resumed remediation counts toward its alert's breaker like one a worker finished.
                await server.Setup.Alerts.RunEndedAsync(runId, CancellationToken.None).ConfigureAwait(false);
            }
            return result;
        });
        _running[runId] = task;
        _ = task.ContinueWith(t =>
        {
            _running.TryRemove(runId, out _);
            if (t.Exception?.GetBaseException() is { } error && error is not (RunbooksException or RunbookValidationException))
            {
                server.Log.Error(error, "Resuming run {RunId} failed", runId);
            }
        }, TaskScheduler.Default);
        // A refusal (not resumable, owned elsewhere, a parameter missing) comes within moments; a claimed run keeps going.
        var first = await Task.WhenAny(task, WaitForClaimAsync(runId)).ConfigureAwait(false);
        if (first == task && task.IsFaulted)
        {
            return task.Exception!.GetBaseException() switch
            {
                RunbookValidationException invalid => string.Join("; ", invalid.Diagnostics.Select(d => d.Message)),
                var error => error.Message,
            };
        }
        return null;
    }

    private async Task WaitForClaimAsync(string runId)
    {
        for (var i = 0; i < 50; i++)
        {
            var run = (await server.Store.GetRunAsync(runId, CancellationToken.None).ConfigureAwait(false))?.Run;
            if (run is null || run.Status == "running" || run.EndedAt is not null)
            {
                return;
            }
            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _drain.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_running.Values.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default))).ConfigureAwait(false);
        _drain.Dispose();
    }
}
