using System.Collections.Concurrent;
using Hangfire;
using Hangfire.Common;
using Hangfire.States;

namespace Runbooks.Server;

/// <summary>
/// Creates Hangfire jobs on threads of its own, so no thread-pool thread ever blocks on one. Hangfire's client is
/// synchronous (its storage makes blocking database round trips), and Npgsql sends a synchronous batch — the job's
/// parameters — from a thread-pool task. Called on request threads in an alert storm, the blocked creations took the
/// pool threads their own sends were waiting for: bench/alerts saw dozens of job-creation transactions idle on the
/// server for up to 30 s (the pool grows by about one thread a second) and then time out, each run waiting for the
/// sweep instead of starting.
/// </summary>
internal sealed class JobCreationThreads : IDisposable
{
    private readonly IBackgroundJobClient _client;
    private readonly BlockingCollection<Pending> _pending = new();
    private readonly Thread[] _threads;
    private int _unfinished;

    /// <summary>How long <see cref="Dispose"/> waits for the creations asked for; the runs of any left are in the journal, and the sweep takes them.</summary>
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    /// <summary>Starts <paramref name="count"/> threads creating jobs through <paramref name="client"/>.</summary>
    public JobCreationThreads(IBackgroundJobClient client, int count)
    {
        _client = client;
        _threads = [.. Enumerable.Range(1, count).Select(i => new Thread(CreateLoop) { IsBackground = true, Name = $"Runbooks job creation #{i}" })];
        foreach (var thread in _threads)
        {
            thread.Start();
        }
    }

    /// <summary>Whether a creation is waiting or under way: a run queued without a job yet may be one of them.</summary>
    public bool Busy => Volatile.Read(ref _unfinished) > 0;

    /// <summary>The job's id once created; faults with Hangfire's <see cref="BackgroundJobClientException"/> when it could not be.</summary>
    public Task<string> CreateAsync(Job job, IState state)
    {
        // Continuations must not run on a creation thread: that thread is needed for the next job.
        var created = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            Interlocked.Increment(ref _unfinished);
            _pending.Add(new Pending(job, state, created));
        }
        catch (InvalidOperationException)
        {
            Interlocked.Decrement(ref _unfinished);
            created.SetException(new BackgroundJobClientException("the worker is stopping; the job was not created", new ObjectDisposedException(nameof(JobCreationThreads))));
        }
        return created.Task;
    }

    private void CreateLoop()
    {
        foreach (var (job, state, created) in _pending.GetConsumingEnumerable())
        {
            try
            {
                created.SetResult(_client.Create(job, state));
            }
            catch (Exception ex)
            {
                // Any failure belongs to the caller, who decides what a missing job means (the sweep takes the run).
                created.SetException(ex);
            }
            finally
            {
                Interlocked.Decrement(ref _unfinished);
            }
        }
    }

    /// <summary>Creates what was already asked for (for up to 30 s: with its database away, each creation waits out a timeout), then stops the threads.</summary>
    public void Dispose()
    {
        _pending.CompleteAdding();
        var deadline = DateTime.UtcNow + StopTimeout;
        var stopped = _threads.All(thread => thread.Join(Max(deadline - DateTime.UtcNow, TimeSpan.Zero)));
        if (stopped)
        {
            _pending.Dispose();
        }
        // Otherwise the background threads finish or fail their creations by themselves; the collection stays theirs.
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private sealed record Pending(Job Job, IState State, TaskCompletionSource<string> Created);
}
