using Runbooks.Actions.Set;
using static Runbooks.Actions.Tests.TestSupport.Contexts;

namespace Runbooks.Actions.Tests.Set;

public sealed class SetActionTests
{
    private readonly SetAction _action = new();

    [Fact]
    public async Task ExecuteAsync_Values_AreExactlyTheOutputs()
    {
        var values = Map(("version", "1.4.2"), ("replicas", 3L), ("hosts", List("a", "b")));

        var result = await _action.ExecuteAsync(Create(Map(("values", values))), default);

        Assert.True(result.Succeeded);
        Assert.Same(values, result.Outputs);
        Assert.False(result.Changed);
    }

    [Fact]
    public void Describe_Values_ListsTheirNames()
    {
        Assert.Equal("set a, b", _action.Describe(new(Map(("values", Map(("b", 1L), ("a", 2L)))))));
    }
}
