namespace Runbooks.Transports.Ssh;

/// <summary>
/// Runs blocking SSH.NET work on a thread of its own. SSH.NET blocks the calling thread during key exchange and
/// authentication, and its channel streams read synchronously (their ReadAsync is a blocking Read on a pool thread).
/// At a rollout's concurrency of 50 that would pin 150+ thread-pool threads, the pool grows by about one per second,
/// and later hosts' connects wait for a thread until their connect timeout expires — measured in the fan-out bench
/// as "Connection has timed out" on healthy hosts. A dedicated thread per blocking call keeps the pool free.
/// </summary>
internal static class DedicatedThread
{
    /// <summary>Runs <paramref name="work"/> on a new thread.</summary>
    public static Task Run(Action work) =>
        Task.Factory.StartNew(work, CancellationToken.None, TaskCreationOptions.LongRunning | TaskCreationOptions.DenyChildAttach, TaskScheduler.Default);
}
