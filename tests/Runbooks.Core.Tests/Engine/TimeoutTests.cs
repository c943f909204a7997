using Microsoft.Extensions.Time.Testing;
using Runbooks.Core.Journal;

namespace Runbooks.Core.Tests.Engine;

public sealed class TimeoutTests
{
    [Fact]
    public async Task RunAsync_StepRunsPastTimeout_TimedOutAndNotRetriedWhenNotIdempotent()
    {
        var clock = new FakeTimeProvider();
        using var h = new EngineHarness(clock);
        var result = await EngineHarness.RunAdvancingAsync(h, clock, """
            name: slow
            steps:
              - id: a
                action: wait
                with: { duration: 10m }
                timeout: 30s
                idempotent: false
                retry: { attempts: 3, initialDelay: 1s }
            """, TimeSpan.FromSeconds(5));
        var a = Assert.Single(result.Steps);
        Assert.Equal(StepStatus.TimedOut, a.Status);
        Assert.Equal(1, a.Attempts);
        Assert.Equal("timed out after 30s; the command was stopped", a.Error);
        Assert.Contains("is not retried: it timed out, its effect is unknown and it is not idempotent", h.Events.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_IdempotentStepTimesOut_IsRetried()
    {
        var clock = new FakeTimeProvider();
        using var h = new EngineHarness(clock);
        var result = await EngineHarness.RunAdvancingAsync(h, clock, """
            name: slow
            steps:
              - id: a
                action: wait
                with: { duration: 10m }
                timeout: 30s
                idempotent: true
                retry: { attempts: 2, initialDelay: 1s }
            """, TimeSpan.FromSeconds(5));
        Assert.Equal(2, result.Steps.Single().Attempts);
        Assert.Equal(StepStatus.TimedOut, result.Steps.Single().Status);
    }

    [Fact]
    public async Task RunAsync_ShellPastTimeout_ProcessIsKilled()
    {
        using var h = new EngineHarness();
        var marker = Path.Combine(Path.GetTempPath(), $"rb-timeout-{Guid.NewGuid():N}");
        var result = await h.RunAsync($$"""
            name: kill
            steps:
              - id: a
                action: shell
                with: { argv: [sh, -c, "sleep 3; touch {{marker}}"] }
                timeout: 300ms
            """);
        Assert.Equal(StepStatus.TimedOut, result.Steps.Single().Status);
        await Task.Delay(3500);
        Assert.False(File.Exists(marker), "the killed command must not finish its work");
    }
}
