namespace Runbooks.Core.Locks;

/// <summary>A run's request for one target's lock.</summary>
/// <param name="Target">The host to lock (its inventory name; see <see cref="TargetLockKey"/>).</param>
/// <param name="RunId">The run that will act on it, shown to others as the holder.</param>
/// <param name="OwnerKey">
/// The root run's id. Requests with the same owner key share the lock (a sub-runbook run re-enters the lock its parent
/// holds instead of queueing behind it); it is released when the last of them releases.
/// </param>
/// <param name="Runbook">The runbook's name, for the holder line operators read.</param>
/// <param name="Worker">The worker (process) that runs it, for the holder line.</param>
/// <param name="WaitTimeout">How long to wait in the queue before giving up; <see cref="Timeout.InfiniteTimeSpan"/> waits forever.</param>
public sealed record LockRequest(string Target, string RunId, string OwnerKey, string Runbook, string Worker, TimeSpan WaitTimeout)
{
    /// <summary>Throws when a field is empty or the timeout is negative; called by every <see cref="ITargetLocks"/>.</summary>
    public void Validate()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(Target, nameof(Target));
        ArgumentException.ThrowIfNullOrWhiteSpace(RunId, nameof(RunId));
        ArgumentException.ThrowIfNullOrWhiteSpace(OwnerKey, nameof(OwnerKey));
        ArgumentException.ThrowIfNullOrWhiteSpace(Runbook, nameof(Runbook));
        ArgumentException.ThrowIfNullOrWhiteSpace(Worker, nameof(Worker));
        if (WaitTimeout < TimeSpan.Zero && WaitTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(WaitTimeout), WaitTimeout,
                "the wait timeout must be zero or more, or Timeout.InfiniteTimeSpan to wait forever");
        }
    }
}
