namespace Runbooks.Core.Locks;

/// <summary>A hold on a target in <see cref="InProcessTargetLocks"/>; disposing releases it once.</summary>
internal sealed class InProcessTargetLease : ITargetLease
{
    private readonly InProcessTargetLocks _locks;
    private int _released;

    public InProcessTargetLease(InProcessTargetLocks locks, string target, long fencingToken, LockRequest request, DateTimeOffset since)
    {
        _locks = locks;
        Target = target;
        FencingToken = fencingToken;
        Request = request;
        Holder = new TargetLockHolder(request.RunId, request.OwnerKey, request.Runbook, request.Worker, since, fencingToken);
    }

    public string Target { get; }

    public long FencingToken { get; }

    /// <summary>Never cancelled: an in-process lease lives as long as its process.</summary>
    public CancellationToken Lost => CancellationToken.None;

    public LockRequest Request { get; }

    public TargetLockHolder Holder { get; }

    public ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _released, 1) == 0)
        {
            _locks.Release(this);
        }
        return ValueTask.CompletedTask;
    }
}
