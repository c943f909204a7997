namespace Runbooks.Core.Locks;

/// <summary>
/// The embedded default: target locks inside one process (the CLI, or a single <c>runbooks serve</c> with in-memory
/// Hangfire storage). Waiters queue first come, first served per target; a request that times out or is cancelled
/// leaves the queue. A lease here is never lost: it lives as long as the process, so <see cref="ITargetLease.Lost"/>
/// never fires. Several processes sharing hosts need the database locks (Runbooks.Storage) instead.
/// </summary>
public sealed class InProcessTargetLocks : ITargetLocks
{
    private readonly Dictionary<string, TargetQueue> _targets = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private readonly string _machineName;

    /// <summary>Locks timed by <paramref name="time"/> (default the system clock) on the machine <paramref name="machineName"/> (default this one).</summary>
    public InProcessTargetLocks(TimeProvider? time = null, string? machineName = null)
    {
        _time = time ?? TimeProvider.System;
        _machineName = machineName ?? Environment.MachineName;
    }

    /// <inheritdoc />
    public async ValueTask<ITargetLease> AcquireAsync(LockRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Validate();
        cancellationToken.ThrowIfCancellationRequested();
        var key = TargetLockKey.For(request.Target, _machineName);
        Waiter waiter;
        lock (_targets)
        {
            if (!_targets.TryGetValue(key, out var queue))
            {
                queue = new TargetQueue();
                _targets.Add(key, queue);
            }
            if (queue.Holds.Count > 0 && queue.Holds[0].Request.OwnerKey == request.OwnerKey)
            {
                return Hold(key, queue, request, queue.Holds[0].FencingToken); // re-entered by its own root run
            }
            if (queue.Holds.Count == 0 && queue.Waiters.Count == 0)
            {
                return Hold(key, queue, request, ++queue.LastToken);
            }
            waiter = new Waiter(request, _time.GetUtcNow());
            queue.Waiters.AddLast(waiter.Node = new LinkedListNode<Waiter>(waiter));
        }
        var started = _time.GetTimestamp();
        try
        {
            return request.WaitTimeout == Timeout.InfiniteTimeSpan
                ? await waiter.Granted.Task.WaitAsync(cancellationToken).ConfigureAwait(false)
                : await waiter.Granted.Task.WaitAsync(request.WaitTimeout, _time, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            TargetLockHolder? holder;
            int ahead;
            lock (_targets)
            {
                if (waiter.Granted.Task.IsCompletedSuccessfully)
                {
                    return waiter.Granted.Task.Result; // granted in the same instant the wait ended: keep it
                }
                var queue = _targets[key];
                ahead = CountAhead(queue, waiter);
                queue.Waiters.Remove(waiter.Node!);
                holder = queue.Holds.Count > 0 ? queue.Holds[0].Holder : null;
            }
            throw new TargetLockTimeoutException(request with { Target = key }, _time.GetElapsedTime(started), holder, ahead);
        }
        catch (OperationCanceledException)
        {
            InProcessTargetLease? granted = null;
            lock (_targets)
            {
                if (waiter.Granted.Task.IsCompletedSuccessfully)
                {
                    granted = waiter.Granted.Task.Result;
                }
                else
                {
                    _targets[key].Waiters.Remove(waiter.Node!);
                }
            }
            if (granted is not null)
            {
                await granted.DisposeAsync().ConfigureAwait(false); // the caller is gone: pass the target on
            }
            throw;
        }
    }

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<TargetLockState>> DescribeAsync(IReadOnlyCollection<string>? targets, CancellationToken cancellationToken)
    {
        var states = new List<TargetLockState>();
        lock (_targets)
        {
            var keys = targets is null
                ? _targets.Where(t => t.Value.Holds.Count > 0 || t.Value.Waiters.Count > 0).Select(t => t.Key).Order(StringComparer.Ordinal).ToList()
                : targets.Select(t => TargetLockKey.For(t, _machineName)).Distinct(StringComparer.Ordinal).ToList();
            foreach (var key in keys)
            {
                _targets.TryGetValue(key, out var queue);
                states.Add(new TargetLockState(
                    key,
                    queue is { Holds.Count: > 0 } ? queue.Holds[0].Holder : null,
                    queue is null ? [] : [.. queue.Waiters.Select(w => new TargetLockWaiter(w.Request.RunId, w.Request.OwnerKey, w.Request.Runbook, w.Request.Worker, w.QueuedAt))]));
            }
        }
        return ValueTask.FromResult<IReadOnlyList<TargetLockState>>(states);
    }

    /// <summary>Releases one hold; when it was the last, the first waiter (and its owner key's other waiters) get the target.</summary>
    internal void Release(InProcessTargetLease lease)
    {
        lock (_targets)
        {
            var queue = _targets[lease.Target];
            queue.Holds.Remove(lease);
            if (queue.Holds.Count > 0)
            {
                return;
            }
            // A free target keeps its entry (one per host ever locked): its fencing token must keep growing.
            if (queue.Waiters.First is not { } first)
            {
                return;
            }
            var token = ++queue.LastToken;
            var owner = first.Value.Request.OwnerKey;
            for (var node = queue.Waiters.First; node is not null;)
            {
                var next = node.Next;
                if (node.Value.Request.OwnerKey == owner)
                {
                    queue.Waiters.Remove(node);
                    node.Value.Granted.TrySetResult(Hold(lease.Target, queue, node.Value.Request, token));
                }
                node = next;
            }
        }
    }

    private InProcessTargetLease Hold(string key, TargetQueue queue, LockRequest request, long token)
    {
        var since = queue.Holds.Count > 0 ? queue.Holds[0].Holder.Since : _time.GetUtcNow();
        var lease = new InProcessTargetLease(this, key, token, request, since);
        queue.Holds.Add(lease);
        return lease;
    }

    private static int CountAhead(TargetQueue queue, Waiter waiter)
    {
        var ahead = 0;
        for (var node = queue.Waiters.First; node is not null && node != waiter.Node; node = node.Next)
        {
            ahead++;
        }
        return ahead;
    }

    private sealed class TargetQueue
    {
        public List<InProcessTargetLease> Holds { get; } = [];

        public LinkedList<Waiter> Waiters { get; } = new();

        public long LastToken { get; set; }
    }

    private sealed class Waiter(LockRequest request, DateTimeOffset queuedAt)
    {
        public LockRequest Request { get; } = request;

        public DateTimeOffset QueuedAt { get; } = queuedAt;

        public TaskCompletionSource<InProcessTargetLease> Granted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public LinkedListNode<Waiter>? Node { get; set; }
    }
}
