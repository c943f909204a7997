namespace Runbooks.Bench.WorkflowCorePeer;

/// <summary>Completes when the last step of every started workflow has run; records a wrong output as a failure.</summary>
internal sealed class RunCountdown(int runs)
{
    private readonly TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _remaining = runs;

    public Task Done => _done.Task;

    public void Finished(string? problem)
    {
        if (problem is not null)
        {
            _done.TrySetException(new InvalidOperationException(problem));
            return;
        }
        if (Interlocked.Decrement(ref _remaining) == 0)
        {
            _done.TrySetResult();
        }
    }
}
