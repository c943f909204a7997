using Microsoft.Extensions.Time.Testing;
using Runbooks.Core.Locks;

namespace Runbooks.Core.Tests.Locks;

/// <summary>The in-process locks on a fake clock, where the operator's messages can be asserted word for word.</summary>
public sealed class InProcessTargetLocksTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 10, 0, 0, TimeSpan.Zero);
    private readonly FakeTimeProvider _time = new(T0);

    private static LockRequest Request(string runId, string target = "web-1", TimeSpan? wait = null, string worker = "worker-a") =>
        new(target, runId, runId, "restart-nginx", worker, wait ?? TimeSpan.FromMinutes(10));

    [Fact]
    public async Task AcquireAsync_HeldPastTheWaitTimeout_MessageNamesTargetWaitAndHolder()
    {
        var locks = new InProcessTargetLocks(_time);
        await using var held = await locks.AcquireAsync(Request("r1"), CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(90));
        var ahead = locks.AcquireAsync(Request("r2"), CancellationToken.None).AsTask();
        var waiting = locks.AcquireAsync(Request("r3", wait: TimeSpan.FromSeconds(5), worker: "worker-b"), CancellationToken.None).AsTask();

        _time.Advance(TimeSpan.FromSeconds(5));

        var error = await Assert.ThrowsAsync<TargetLockTimeoutException>(() => waiting);
        Assert.Equal(
            "run r3 waited 5s for the lock on web-1 and gave up: it is held by run r1 (runbook restart-nginx, worker worker-a) since 2026-03-01T10:00:00.000Z; 1 more run was ahead of it in the queue; wait for that run (runbooks runs show r1) or raise Runbooks:Locks:WaitTimeout",
            error.Message);
        Assert.Equal((TimeSpan.FromSeconds(5), "r1"), (error.Waited, error.Holder!.RunId));
        Assert.False(ahead.IsCompleted);
    }

    [Fact]
    public async Task AcquireAsync_ZeroWaitOnAHeldTarget_FailsAtOnce()
    {
        var locks = new InProcessTargetLocks(_time);
        await using var held = await locks.AcquireAsync(Request("r1"), CancellationToken.None);

        var error = await Assert.ThrowsAsync<TargetLockTimeoutException>(async () => await locks.AcquireAsync(Request("r2", wait: TimeSpan.Zero), CancellationToken.None));

        Assert.Equal(
            "run r2 waited 0s for the lock on web-1 and gave up: it is held by run r1 (runbook restart-nginx, worker worker-a) since 2026-03-01T10:00:00.000Z; wait for that run (runbooks runs show r1) or raise Runbooks:Locks:WaitTimeout",
            error.Message);
    }

    [Fact]
    public async Task AcquireAsync_InfiniteWait_WaitsUntilReleased()
    {
        var locks = new InProcessTargetLocks(_time);
        var held = await locks.AcquireAsync(Request("r1"), CancellationToken.None);
        var waiting = locks.AcquireAsync(Request("r2", wait: Timeout.InfiniteTimeSpan), CancellationToken.None).AsTask();

        _time.Advance(TimeSpan.FromDays(30));
        Assert.False(waiting.IsCompleted);
        await held.DisposeAsync();

        await using var next = await waiting;
        Assert.Equal(2, next.FencingToken);
    }

    [Fact]
    public async Task AcquireAsync_LocalTarget_IsLockedPerMachine()
    {
        var locks = new InProcessTargetLocks(_time, machineName: "Worker-7");

        await using var lease = await locks.AcquireAsync(Request("r1", target: "local"), CancellationToken.None);

        Assert.Equal("local@worker-7", lease.Target);
        var state = Assert.Single(await locks.DescribeAsync(["LOCAL"], CancellationToken.None));
        Assert.Equal(("local@worker-7", "r1"), (state.Target, state.Holder!.RunId));
    }

    [Fact]
    public async Task AcquireAsync_NegativeWaitTimeout_IsRefused()
    {
        var locks = new InProcessTargetLocks(_time);

        var error = await Assert.ThrowsAsync<ArgumentOutOfRangeException>(async () => await locks.AcquireAsync(Request("r1", wait: TimeSpan.FromSeconds(-1)), CancellationToken.None));

        Assert.StartsWith("the wait timeout must be zero or more, or Timeout.InfiniteTimeSpan to wait forever", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AcquireAsync_EmptyRunId_IsRefused()
    {
        var locks = new InProcessTargetLocks(_time);

        var error = await Assert.ThrowsAsync<ArgumentException>(async () => await locks.AcquireAsync(Request(""), CancellationToken.None));

        Assert.Equal("RunId", error.ParamName);
    }

    [Fact]
    public async Task Lost_OfAnInProcessLease_NeverFires()
    {
        await using var lease = await new InProcessTargetLocks(_time).AcquireAsync(Request("r1"), CancellationToken.None);

        Assert.False(lease.Lost.CanBeCanceled);
    }
}
