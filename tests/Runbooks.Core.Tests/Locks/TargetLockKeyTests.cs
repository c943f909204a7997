using Runbooks.Core.Locks;

namespace Runbooks.Core.Tests.Locks;

public sealed class TargetLockKeyTests
{
    [Theory]
    [InlineData("web-1", "web-1")]
    [InlineData(" WEB-1 ", "web-1")]
    [InlineData("local", "local@ci-box")]
    [InlineData("Local", "local@ci-box")]
    public void For_Target_IsTheLockName(string target, string expected)
    {
        Assert.Equal(expected, TargetLockKey.For(target, "CI-Box"));
    }
}
