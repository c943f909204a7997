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

    /// <summary>The job's id once created; faults with Hangfire's <see cref="BackgroundJobClientException"/> when it could not be.</summary>
    public Task<string> CreateAsync(Job job, IState state)
    {
        // Continuations must not run on a creation thread: that thread is needed for the next job.
        var created = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            _pending.Add(new Pending(job, state, created));
        }
        catch (InvalidOperationException)
        {
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
        }
    }

    /// <summary>Creates what was already asked for, then stops the threads.</summary>
    public void Dispose()
    {
        _pending.CompleteAdding();
        foreach (var thread in _threads)
        {
            thread.Join();
        }
        _pending.Dispose();
    }

    private sealed record Pending(Job Job, IState State, TaskCompletionSource<string> Created);
}
