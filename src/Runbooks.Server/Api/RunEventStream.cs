using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Runbooks.Server.Http;

namespace Runbooks.Server.Api;

/// <summary>
/// <c>GET /api/v1/runs/{id}/events</c>: the run's journal events as Server-Sent Events (<c>event: run</c>, the event as
/// JSON, its sequence number as the SSE id), live until the run ends. The journal is the source, so a run on another
/// worker streams the same; a reconnect with <c>Last-Event-ID</c> goes on after the last event seen.
/// </summary>
internal static class RunEventStream
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static async Task StreamAsync(string runId, HttpContext context, ServerContext server)
    {
        var cancellationToken = context.RequestAborted;
        if (await server.Store.GetRunAsync(runId, cancellationToken).ConfigureAwait(false) is null)
        {
            await Problems.WriteAsync(context, StatusCodes.Status404NotFound, "Not Found", $"there is no run {runId} in the journal").ConfigureAwait(false);
            return;
        }
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        context.Response.Headers["X-Accel-Buffering"] = "no";
        long.TryParse(context.Request.Headers["Last-Event-ID"].ToString(), System.Globalization.CultureInfo.InvariantCulture, out var after);
        var quietSince = DateTimeOffset.UtcNow;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                var document = await server.Store.GetRunAsync(runId, cancellationToken).ConfigureAwait(false);
                if (document is null)
                {
                    return;
                }
                foreach (var runEvent in document.Events.Where(e => e.Sequence > after))
                {
                    await context.Response.WriteAsync($"id: {runEvent.Sequence}\nevent: run\ndata: {JsonSerializer.Serialize(runEvent, ApiJson.Options)}\n\n", cancellationToken).ConfigureAwait(false);
                    after = runEvent.Sequence;
                    quietSince = DateTimeOffset.UtcNow;
                }
                if (document.Run.EndedAt is not null && document.Run.Status is "succeeded" or "failed" or "cancelled")
                {
                    await context.Response.WriteAsync($"event: end\ndata: {JsonSerializer.Serialize(new { runId, status = document.Run.Status }, ApiJson.Options)}\n\n", cancellationToken).ConfigureAwait(false);
                    await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
                    return;
                }
                if (DateTimeOffset.UtcNow - quietSince > KeepAlive)
                {
                    await context.Response.WriteAsync(": keep-alive\n\n", cancellationToken).ConfigureAwait(false);
                    quietSince = DateTimeOffset.UtcNow;
                }
                await context.Response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
                await Task.Delay(Poll, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException)
        {
            // the client went away
        }
    }
}
