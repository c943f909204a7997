using Runbooks.Core.Model;
using Runbooks.Core.Rollout;

namespace Runbooks.Core.Tests.Rollout;

public sealed class RolloutPlanTests
{
    private static readonly string[] Ten = [.. Enumerable.Range(1, 10).Select(i => $"h{i}")];

    [Fact]
    public void Create_NoBatch_OneBatchOfAllHostsOneAtATimeNoErrorsTolerated()
    {
        var plan = RolloutPlan.Create(Ten, new RolloutStrategy());
        Assert.Equal([Ten], plan.Batches);
        Assert.Equal((1, 0), (plan.Concurrency, plan.MaxErrors));
        Assert.Equal("the first failed host halts the rollout: no new host starts, hosts already running finish, the rest are skipped", plan.HaltRule);
    }

    [Theory]
    [InlineData("3", new[] { 3, 3, 3, 1 })]
    [InlineData("25%", new[] { 3, 3, 3, 1 })] // 25% of 10 = 2.5, rounded up
    [InlineData("10%", new[] { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 })]
    [InlineData("1%", new[] { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 })] // never 0
    [InlineData("50", new[] { 10 })]
    public void Create_Batch_SplitsHostsInOrder(string batch, int[] sizes)
    {
        var plan = RolloutPlan.Create(Ten, new RolloutStrategy { Batch = batch });
        Assert.Equal(sizes, plan.Batches.Select(b => b.Count));
        Assert.Equal(Ten, plan.Batches.SelectMany(b => b));
    }

    [Theory]
    [InlineData("25%", 3)] // rounded up
    [InlineData("1%", 1)]  // at least 1
    [InlineData("50", 10)] // at most the host count
    [InlineData("4", 4)]
    public void Create_Concurrency_CountOrShareRoundedUp(string concurrency, int expected) =>
        Assert.Equal(expected, RolloutPlan.Create(Ten, new RolloutStrategy { Concurrency = concurrency }).Concurrency);

    [Theory]
    [InlineData("3", 3)]
    [InlineData("25%", 2)] // 2.5 rounded down: a share of errors is never rounded in favour of going on
    [InlineData("5%", 0)]
    public void Create_MaxErrors_CountOrShareRoundedDown(string maxErrors, int expected) =>
        Assert.Equal(expected, RolloutPlan.Create(Ten, new RolloutStrategy { MaxErrors = maxErrors }).MaxErrors);

    [Fact]
    public void HaltRule_MaxErrorsThree_TheFourthFailureHalts() =>
        Assert.Equal("3 failed host(s) are tolerated; the 4th failure halts the rollout: no new host starts, hosts already running finish, the rest are skipped",
            RolloutPlan.Create(Ten, new RolloutStrategy { MaxErrors = "3" }).HaltRule);

    [Fact]
    public void Describe_Plan_NamesBatchesConcurrencyPauseAndHaltRule() =>
        Assert.Equal(
            "4 host(s) in 2 batch(es), 1 at a time, 30s between batches; 1 failed host(s) are tolerated; the 2nd failure halts the rollout: " +
            "no new host starts, hosts already running finish, the rest are skipped. batch 1: a, b; batch 2: c, d",
            RolloutPlan.Create(["a", "b", "c", "d"], new RolloutStrategy { Batch = "2", MaxErrors = "1", PauseBetweenBatches = TimeSpan.FromSeconds(30) }).Describe());
}
