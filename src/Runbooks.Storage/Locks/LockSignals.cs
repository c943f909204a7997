using System.Collections.Concurrent;

namespace Runbooks.Storage.Locks;

/// <summary>
/// Wakes the waiters of one target when its queue changed: a release in this process, or a notification from another.
/// A waiter takes its wake-up <em>before</em> it looks at the queue, so a release between the look and the sleep is
/// not missed.
/// </summary>
internal sealed class LockSignals
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _pending = new(StringComparer.Ordinal);

    /// <summary>A task that completes at the next <see cref="Wake"/> of <paramref name="target"/>.</summary>
    public Task Next(string target) =>
        _pending.GetOrAdd(target, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    /// <summary>Wakes everyone waiting on <paramref name="target"/>.</summary>
    public void Wake(string target)
    {
        if (_pending.TryRemove(target, out var pending))
        {
            pending.TrySetResult();
        }
    }

    /// <summary>Wakes every waiter (notifications may have been missed while the listener was away).</summary>
    public void WakeAll()
    {
        foreach (var target in _pending.Keys)
        {
            Wake(target);
        }
    }
}
