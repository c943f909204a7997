using Runbooks.Actions.Assertions;
using static Runbooks.Actions.Tests.TestSupport.Contexts;

namespace Runbooks.Actions.Tests.Assertions;

public sealed class AssertActionTests
{
    private readonly AssertAction _action = new();

    [Fact]
    public async Task ExecuteAsync_True_Succeeds()
    {
        var result = await _action.ExecuteAsync(Create(Map(("that", true), ("message", "never shown"))), default);

        Assert.True(result.Succeeded);
        Assert.Empty(result.Outputs);
    }

    [Fact]
    public async Task ExecuteAsync_False_FailsWithMessage()
    {
        var result = await _action.ExecuteAsync(Create(Map(("that", false), ("message", "disk above 90%"))), default);

        Assert.False(result.Succeeded);
        Assert.Equal("disk above 90%", result.Error);
    }

    [Fact]
    public async Task ExecuteAsync_FalseWithoutMessage_FailsWithDefault()
    {
        var result = await _action.ExecuteAsync(Create(Map(("that", false))), default);

        Assert.Equal("assertion failed", result.Error);
    }

    [Fact]
    public async Task ExecuteAsync_NotABool_FailsNamingTheValue()
    {
        var result = await _action.ExecuteAsync(Create(Map(("that", "yes"))), default);

        Assert.Equal("'that' must be true or false, but it is 'yes'; assertion failed", result.Error);
    }
}
