using Runbooks.Core.Locks;

namespace Runbooks.Core.Tests.Locks;

public sealed class TargetLockOptionsTests
{
    [Fact]
    public void Validate_Defaults_HasNoErrors()
    {
        var options = new TargetLockOptions();

        Assert.Empty(options.Validate());
        Assert.Equal((TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(30)), (options.WaitTimeout, options.LeaseTtl));
    }

    [Fact]
    public void Validate_InfiniteWait_IsAllowed()
    {
        Assert.Empty(new TargetLockOptions { WaitTimeout = Timeout.InfiniteTimeSpan }.Validate());
    }

    [Fact]
    public void Validate_NegativeWait_NamesTheKey()
    {
        Assert.Equal(
            ["Runbooks:Locks:WaitTimeout is -00:00:05; use zero or more (e.g. 00:10:00), or -00:00:00.001 to wait forever"],
            new TargetLockOptions { WaitTimeout = TimeSpan.FromSeconds(-5) }.Validate());
    }

    [Fact]
    public void Validate_WaitLongerThanTimersAllow_NamesTheKey()
    {
        Assert.Equal(
            ["Runbooks:Locks:WaitTimeout is 30.00:00:00; at most 24 days, or -00:00:00.001 to wait forever"],
            new TargetLockOptions { WaitTimeout = TimeSpan.FromDays(30) }.Validate());
    }

    [Fact]
    public void Validate_LeaseTtlBelowOneSecond_NamesTheKey()
    {
        Assert.Equal(
            ["Runbooks:Locks:LeaseTtl is 00:00:00.5000000; use 00:00:01 to 01:00:00 (a dead worker holds its hosts this long)"],
            new TargetLockOptions { LeaseTtl = TimeSpan.FromMilliseconds(500) }.Validate());
    }

    [Fact]
    public void EnsureValid_TwoProblems_ReportsBoth()
    {
        var error = Assert.Throws<RunbooksException>(() => new TargetLockOptions { WaitTimeout = TimeSpan.FromSeconds(-5), LeaseTtl = TimeSpan.FromHours(2) }.EnsureValid());

        Assert.Equal(
            "the lock settings are not valid: Runbooks:Locks:WaitTimeout is -00:00:05; use zero or more (e.g. 00:10:00), or -00:00:00.001 to wait forever; Runbooks:Locks:LeaseTtl is 02:00:00; use 00:00:01 to 01:00:00 (a dead worker holds its hosts this long)",
            error.Message);
    }
}
