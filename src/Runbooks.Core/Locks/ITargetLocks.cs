namespace Runbooks.Core.Locks;

/// <summary>
/// Per-target locks: a host is changed by one run at a time, across every runbook and every worker. Runs that want a
/// held host queue in arrival order and give up after their wait timeout with a message naming the holder. Runs of the
/// same root run (a sub-runbook and its parent, same <see cref="LockRequest.OwnerKey"/>) re-enter a lock they hold.
/// Implementations: <see cref="InProcessTargetLocks"/> (the embedded default, one process) and the database one in
/// Runbooks.Storage (lease rows timed by the database clock, shared by every <c>runbooks serve</c>).
/// </summary>
public interface ITargetLocks
{
    /// <summary>
    /// Waits (in queue order) until the target is free, or already held by the same owner key, and takes it.
    /// Dispose the lease to release it; watch <see cref="ITargetLease.Lost"/> while acting.
    /// </summary>
    /// <exception cref="TargetLockTimeoutException">The wait timeout passed; the message names the holder.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> fired; the request left the queue.</exception>
    ValueTask<ITargetLease> AcquireAsync(LockRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Who holds each target and who waits for it, in queue order (for <c>runbooks runs show</c> and the API).
    /// With <paramref name="targets"/> every named target is returned (free ones with no holder and no waiters);
    /// with null, every target that is held or waited for.
    /// </summary>
    ValueTask<IReadOnlyList<TargetLockState>> DescribeAsync(IReadOnlyCollection<string>? targets, CancellationToken cancellationToken);
}
