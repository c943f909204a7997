using Runbooks.Core.Locks;
using Runbooks.Storage.Locks;

namespace Runbooks.Storage.Tests.Locks;

/// <summary>
/// The lock contract on a journal database, plus what only shared locks do: two lock services on one database (two
/// workers) exclude each other, and a holder that stops renewing loses its lease to the next waiter.
/// </summary>
public abstract class SqlTargetLocksContract : TargetLocksContract
{
    /// <summary>The short TTL of the dead-worker tests (the smallest allowed), so they finish in seconds.</summary>
    private static readonly TargetLockOptions ShortLease = new() { LeaseTtl = TimeSpan.FromSeconds(1) };

    /// <summary>The database under test, opened as another worker process would (migrated on the first open).</summary>
    protected abstract JournalDatabase OpenDatabase();

    public override async Task InitializeAsync()
    {
        var store = await JournalStore.OpenAsync(OpenDatabase(), CancellationToken.None);
        Own(store);
        await base.InitializeAsync();
    }

    protected override Task<ITargetLocks> CreateLocksAsync(TargetLockOptions options)
    {
        var database = OpenDatabase();
        Own(database);
        return Task.FromResult<ITargetLocks>(new SqlTargetLocks(database, options));
    }

    [Fact]
    public async Task AcquireAsync_TwoWorkersOnOneDatabase_ExcludeEachOther()
    {
        var workerB = await OpenAsync(new TargetLockOptions());
        var held = await Locks.AcquireAsync(Request("r1"), CancellationToken.None);

        var refused = await Assert.ThrowsAsync<TargetLockTimeoutException>(async () =>
            await workerB.AcquireAsync(Request("r2", wait: TimeSpan.Zero, worker: "worker-b"), CancellationToken.None));
        var waiting = workerB.AcquireAsync(Request("r3", worker: "worker-b"), CancellationToken.None).AsTask();
        await WaitForWaitersAsync(Locks, "web-1", 1);
        await held.DisposeAsync();
        await using var next = await waiting.WaitAsync(Patience);

        Assert.Equal(("r1", "worker-a"), (refused.Holder!.RunId, refused.Holder.Worker));
        Assert.True(next.FencingToken > held.FencingToken);
        Assert.Equal(("r3", "worker-b"), ((await Locks.DescribeAsync(["web-1"], CancellationToken.None))[0].Holder!.RunId, (await Locks.DescribeAsync(["web-1"], CancellationToken.None))[0].Holder!.Worker));
    }

    [Fact]
    public async Task AcquireAsync_TwentyRunsOnTwoWorkers_HoldIntervalsNeverOverlap()
    {
        var workers = new[] { Locks, await OpenAsync(new TargetLockOptions()) };
        var ledger = new HoldLedger();

        await Task.WhenAll(Enumerable.Range(1, 20).Select(i => Task.Run(async () =>
        {
            await using var lease = await workers[i % 2].AcquireAsync(Request($"run-{i}", worker: $"worker-{i % 2}"), CancellationToken.None);
            await ledger.HoldAsync(lease.FencingToken);
        })));

        ledger.AssertSerialized(20);
    }

    [Fact]
    public async Task AcquireAsync_HolderStopsRenewing_NextWaiterTakesOverWithAHigherTokenAndLostFires()
    {
        var deadWorker = await OpenAsync(ShortLease);
        var liveWorker = await OpenAsync(ShortLease);
        var stale = (SqlTargetLease)await deadWorker.AcquireAsync(Request("r1", worker: "dead"), CancellationToken.None);
        var waiting = liveWorker.AcquireAsync(Request("r2", worker: "live"), CancellationToken.None).AsTask();
        await WaitUntilQueuedOrGrantedAsync(liveWorker, "web-1", "r2", waiting);

        stale.StopRenewing(); // the worker hangs or dies: its lease is never renewed nor released

        await using var next = await waiting.WaitAsync(Patience);
        await Task.Delay(Timeout.Infinite, stale.Lost).ContinueWith(_ => { }, TaskScheduler.Default).WaitAsync(Patience);
        Assert.True(next.FencingToken > stale.FencingToken);
        Assert.True(stale.Lost.IsCancellationRequested);
        Assert.False(next.Lost.IsCancellationRequested);
        Assert.Equal("r2", (await liveWorker.DescribeAsync(["web-1"], CancellationToken.None))[0].Holder!.RunId);

        await stale.DisposeAsync(); // the old holder's release must not free the new holder's lease
        Assert.Equal("r2", (await liveWorker.DescribeAsync(["web-1"], CancellationToken.None))[0].Holder!.RunId);
    }

    [Fact]
    public async Task AcquireAsync_WaiterOfADeadWorker_LeavesTheQueueWhenItsPlaceExpires()
    {
        var live = await OpenAsync(ShortLease);
        var held = await live.AcquireAsync(Request("r1"), CancellationToken.None);
        // A place in the queue nobody keeps alive, as a worker that died while waiting leaves behind.
        var database = OpenDatabase();
        Own(database);
        await new LockTable(database, LockDialect.For(database), ShortLease.LeaseTtl).EnterAsync(Request("r2", worker: "dead"), "web-1", null);
        var behind = live.AcquireAsync(Request("r3"), CancellationToken.None).AsTask();
        await WaitUntilQueuedOrGrantedAsync(live, "web-1", "r3", behind);

        await held.DisposeAsync();

        await using var next = await behind.WaitAsync(Patience);
        var state = (await live.DescribeAsync(["web-1"], CancellationToken.None))[0];
        Assert.Equal("r3", state.Holder!.RunId);
        Assert.Empty(state.Waiters);
    }

    [Fact]
    public void Constructor_InvalidOptions_NamesEveryKey()
    {
        var database = OpenDatabase();
        Own(database);

        var error = Assert.Throws<Runbooks.Core.RunbooksException>(() =>
            new SqlTargetLocks(database, new TargetLockOptions { WaitTimeout = TimeSpan.FromSeconds(-5), LeaseTtl = TimeSpan.FromMilliseconds(100) }));

        Assert.Equal(
            "the lock settings are not valid: Runbooks:Locks:WaitTimeout is -00:00:05; use zero or more (e.g. 00:10:00), or -00:00:00.001 to wait forever; Runbooks:Locks:LeaseTtl is 00:00:00.1000000; use 00:00:01 to 01:00:00 (a dead worker holds its hosts this long)",
            error.Message);
    }
}
