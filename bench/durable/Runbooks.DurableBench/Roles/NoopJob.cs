using System.Collections.Concurrent;

namespace Runbooks.DurableBench.Roles;

/// <summary>
/// The bare-Hangfire baseline's job: does nothing but note when it started and ended (UTC ticks, the same clock the
/// enqueuing process read). The notes stay in memory; <see cref="NoopServer"/> writes them out at the end, so the
/// baseline pays no database write of its own.
/// </summary>
public static class NoopJob
{
    internal static readonly ConcurrentQueue<(long Enqueued, long Started, long Ended)> Done = new();

    /// <summary>The job body; <paramref name="enqueuedTicks"/> is <see cref="DateTime.UtcNow"/> just before it was created.</summary>
    [Hangfire.AutomaticRetry(Attempts = 0)]
    public static void Run(long enqueuedTicks)
    {
        var started = DateTime.UtcNow.Ticks;
        Done.Enqueue((enqueuedTicks, started, DateTime.UtcNow.Ticks));
    }
}
