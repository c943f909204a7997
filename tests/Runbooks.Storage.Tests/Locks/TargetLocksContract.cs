using Runbooks.Core.Locks;

namespace Runbooks.Storage.Tests.Locks;

/// <summary>
/// What every <see cref="ITargetLocks"/> must do, run once per implementation: in-process, SQLite and PostgreSQL.
/// Waits in these tests are bounded only to keep a broken build from hanging; nothing asserts how long anything took.
/// </summary>
public abstract class TargetLocksContract : IAsyncLifetime
{
    /// <summary>Generous: a guard against hangs, never a measurement.</summary>
    protected static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    private readonly List<IAsyncDisposable> _owned = [];
    private ITargetLocks? _locks;

    protected ITargetLocks Locks => _locks ?? throw new InvalidOperationException("opened in InitializeAsync");

    /// <summary>A lock service on the store under test; for the database locks, each call is another worker.</summary>
    protected abstract Task<ITargetLocks> CreateLocksAsync(TargetLockOptions options);

    public virtual async Task InitializeAsync() => _locks = await OpenAsync(new TargetLockOptions());

    public virtual async Task DisposeAsync()
    {
        foreach (var owned in Enumerable.Reverse(_owned))
        {
            await owned.DisposeAsync();
        }
    }

    protected async Task<ITargetLocks> OpenAsync(TargetLockOptions options)
    {
        var locks = await CreateLocksAsync(options);
        if (locks is IAsyncDisposable disposable)
        {
            _owned.Add(disposable);
        }
        return locks;
    }

    /// <summary>Registers something the test class disposes at the end (after the locks opened on it).</summary>
    protected void Own(IAsyncDisposable disposable) => _owned.Insert(0, disposable);

    protected static LockRequest Request(string runId, string target = "web-1", string? owner = null, TimeSpan? wait = null, string worker = "worker-a") =>
        new(target, runId, owner ?? runId, "restart-nginx", worker, wait ?? Patience);

    /// <summary>Waits until <paramref name="count"/> requests wait for <paramref name="target"/> (so the next one queues behind them).</summary>
    protected static async Task WaitForWaitersAsync(ITargetLocks locks, string target, int count)
    {
        using var guard = new CancellationTokenSource(Patience);
        while ((await locks.DescribeAsync([target], guard.Token))[0].Waiters.Count != count)
        {
            await Task.Delay(10, guard.Token);
        }
    }

    /// <summary>
    /// Waits until run <paramref name="runId"/> waits for <paramref name="target"/> or its request was already granted.
    /// The short-lease tests need the second way out: on a loaded machine a 1 s lease can expire before the test looks,
    /// and waiting for an exact queue length would then never end.
    /// </summary>
    protected static async Task WaitUntilQueuedOrGrantedAsync(ITargetLocks locks, string target, string runId, Task acquiring)
    {
        using var guard = new CancellationTokenSource(Patience);
        while (!acquiring.IsCompleted && !(await locks.DescribeAsync([target], guard.Token))[0].Waiters.Any(w => w.RunId == runId))
        {
            await Task.Delay(10, guard.Token);
        }
    }

    [Fact]
    public async Task AcquireAsync_TwentyConcurrentRunsOnOneHost_HoldIntervalsNeverOverlap()
    {
        var ledger = new HoldLedger();

        await Task.WhenAll(Enumerable.Range(1, 20).Select(i => Task.Run(async () =>
        {
            await using var lease = await Locks.AcquireAsync(Request($"run-{i}"), CancellationToken.None);
            await ledger.HoldAsync(lease.FencingToken);
        })));

        ledger.AssertSerialized(20);
    }

    [Fact]
    public async Task AcquireAsync_WaitersQueued_AreGrantedInArrivalOrder()
    {
        var first = await Locks.AcquireAsync(Request("holder"), CancellationToken.None);
        var granted = new List<string>();
        var waiting = new List<Task>();
        foreach (var run in new[] { "r1", "r2", "r3", "r4" })
        {
            waiting.Add(Task.Run(async () =>
            {
                await using var lease = await Locks.AcquireAsync(Request(run), CancellationToken.None);
                lock (granted)
                {
                    granted.Add(run);
                }
            }));
            await WaitForWaitersAsync(Locks, "web-1", waiting.Count);
        }

        await first.DisposeAsync();
        await Task.WhenAll(waiting).WaitAsync(Patience);

        Assert.Equal(["r1", "r2", "r3", "r4"], granted);
    }

    [Fact]
    public async Task AcquireAsync_HeldPastTheWaitTimeout_ThrowsNamingTheHolder()
    {
        await using var held = await Locks.AcquireAsync(Request("r1"), CancellationToken.None);

        var error = await Assert.ThrowsAsync<TargetLockTimeoutException>(async () =>
            await Locks.AcquireAsync(Request("r2", wait: TimeSpan.FromMilliseconds(200), worker: "worker-b"), CancellationToken.None));

        Assert.Equal("web-1", error.Target);
        Assert.Equal(("r1", "restart-nginx", "worker-a", held.FencingToken), (error.Holder!.RunId, error.Holder.Runbook, error.Holder.Worker, error.Holder.FencingToken));
        Assert.StartsWith("run r2 waited ", error.Message, StringComparison.Ordinal);
        Assert.Contains(" for the lock on web-1 and gave up: it is held by run r1 (runbook restart-nginx, worker worker-a) since ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("; wait for that run (runbooks runs show r1) or raise Runbooks:Locks:WaitTimeout", error.Message, StringComparison.Ordinal);
        Assert.Empty((await Locks.DescribeAsync(["web-1"], CancellationToken.None))[0].Waiters);
    }

    [Fact]
    public async Task AcquireAsync_CancelledWhileQueued_LeavesTheQueue()
    {
        var held = await Locks.AcquireAsync(Request("r1"), CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var cancelled = Locks.AcquireAsync(Request("r2"), cancel.Token).AsTask();
        await WaitForWaitersAsync(Locks, "web-1", 1);
        var behind = Locks.AcquireAsync(Request("r3"), CancellationToken.None).AsTask();
        await WaitForWaitersAsync(Locks, "web-1", 2);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        await WaitForWaitersAsync(Locks, "web-1", 1);
        await held.DisposeAsync();

        await using var next = await behind.WaitAsync(Patience);
        Assert.Equal("r3", (await Locks.DescribeAsync(["web-1"], CancellationToken.None))[0].Holder!.RunId);
    }

    [Fact]
    public async Task AcquireAsync_SameOwnerKey_ReentersAndReleasesWithTheLastHold()
    {
        var parent = await Locks.AcquireAsync(Request("root", owner: "root"), CancellationToken.None);
        var waiting = Locks.AcquireAsync(Request("other"), CancellationToken.None).AsTask();
        await WaitForWaitersAsync(Locks, "web-1", 1);

        // The sub-runbook run of the same root run gets in ahead of the queue instead of deadlocking behind its parent.
        var child = await Locks.AcquireAsync(Request("root-child", owner: "root", wait: TimeSpan.Zero), CancellationToken.None);
        Assert.Equal(parent.FencingToken, child.FencingToken);

        await parent.DisposeAsync();
        Assert.False(waiting.IsCompleted);
        Assert.Equal("root", (await Locks.DescribeAsync(["web-1"], CancellationToken.None))[0].Holder!.OwnerKey);

        await child.DisposeAsync();
        await using var next = await waiting.WaitAsync(Patience);
        Assert.True(next.FencingToken > parent.FencingToken);
    }

    [Fact]
    public async Task AcquireAsync_DifferentHosts_DoNotBlockEachOther()
    {
        await using var web1 = await Locks.AcquireAsync(Request("r1", target: "web-1"), CancellationToken.None);

        await using var web2 = await Locks.AcquireAsync(Request("r2", target: "web-2", wait: TimeSpan.Zero), CancellationToken.None);

        Assert.Equal(("web-1", "web-2"), (web1.Target, web2.Target));
    }

    [Fact]
    public async Task AcquireAsync_HostNameInOtherCase_IsTheSameLock()
    {
        await using var held = await Locks.AcquireAsync(Request("r1", target: "web-1"), CancellationToken.None);

        var error = await Assert.ThrowsAsync<TargetLockTimeoutException>(async () =>
            await Locks.AcquireAsync(Request("r2", target: " WEB-1 ", wait: TimeSpan.Zero), CancellationToken.None));

        Assert.Equal(("web-1", "r1"), (error.Target, error.Holder!.RunId));
    }

    [Fact]
    public async Task AcquireAsync_EveryNewHolder_GetsAHigherFencingToken()
    {
        var tokens = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            await using var lease = await Locks.AcquireAsync(Request($"r{i}"), CancellationToken.None);
            tokens.Add(lease.FencingToken);
        }

        Assert.True(tokens[0] < tokens[1] && tokens[1] < tokens[2], string.Join(", ", tokens));
    }

    [Fact]
    public async Task DisposeAsync_Twice_ReleasesOnlyOnce()
    {
        var first = await Locks.AcquireAsync(Request("r1"), CancellationToken.None);
        await first.DisposeAsync();
        await using var second = await Locks.AcquireAsync(Request("r2"), CancellationToken.None);

        await first.DisposeAsync();

        Assert.Equal("r2", (await Locks.DescribeAsync(["web-1"], CancellationToken.None))[0].Holder!.RunId);
    }

    [Fact]
    public async Task DescribeAsync_HeldAndQueued_ShowsHolderAndWaitersInOrder()
    {
        await using var held = await Locks.AcquireAsync(Request("r1"), CancellationToken.None);
        var r2 = Locks.AcquireAsync(Request("r2", worker: "worker-b"), CancellationToken.None).AsTask();
        await WaitForWaitersAsync(Locks, "web-1", 1);
        var r3 = Locks.AcquireAsync(Request("r3", owner: "root-3"), CancellationToken.None).AsTask();
        await WaitForWaitersAsync(Locks, "web-1", 2);

        var states = await Locks.DescribeAsync(null, CancellationToken.None);

        var state = Assert.Single(states);
        Assert.Equal("web-1", state.Target);
        Assert.Equal(("r1", "r1", "restart-nginx", "worker-a", held.FencingToken), (state.Holder!.RunId, state.Holder.OwnerKey, state.Holder.Runbook, state.Holder.Worker, state.Holder.FencingToken));
        Assert.Equal([("r2", "r2", "worker-b"), ("r3", "root-3", "worker-a")], state.Waiters.Select(w => (w.RunId, w.OwnerKey, w.Worker)));
        Assert.True(state.Waiters[0].QueuedAt <= state.Waiters[1].QueuedAt);
        await held.DisposeAsync();
        await (await r2.WaitAsync(Patience)).DisposeAsync();
        await (await r3.WaitAsync(Patience)).DisposeAsync();
    }

    [Fact]
    public async Task DescribeAsync_NamedFreeTarget_HasNoHolderAndNoWaiters()
    {
        var state = Assert.Single(await Locks.DescribeAsync(["db-1"], CancellationToken.None));

        Assert.Equal(("db-1", null), (state.Target, state.Holder));
        Assert.Empty(state.Waiters);
    }
}
