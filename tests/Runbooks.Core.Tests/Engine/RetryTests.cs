using Microsoft.Extensions.Time.Testing;
using Runbooks.Core.Engine;
using Runbooks.Core.Journal;
using Runbooks.Core.Model;

namespace Runbooks.Core.Tests.Engine;

public sealed class RetryTests
{
    [Fact]
    public async Task RunAsync_FailsTwiceThenSucceeds_ThreeAttemptsWithExponentialDelays()
    {
        var clock = new FakeTimeProvider();
        using var h = new EngineHarness(clock);
        var start = clock.GetUtcNow();
        var result = await EngineHarness.RunAdvancingAsync(h, clock, """
            name: retry
            steps:
              - id: a
                action: probe
                with: { key: a, failTimes: 2 }
                retry: { attempts: 3, backoff: exponential, initialDelay: 10s, maxDelay: 1m }
            """, TimeSpan.FromSeconds(1));
        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal(3, result.Steps.Single().Attempts);
        var starts = h.Journal.Entries.Where(e => e.Kind == JournalEntryKind.StepStarted).Select(e => e.Start!.StartedAt - start).ToList();
        Assert.Equal(3, starts.Count);
        // 10s after the first failure, then 20s after the second (exponential), give or take one clock tick.
        Assert.InRange((starts[1] - starts[0]).TotalSeconds, 10, 11);
        Assert.InRange((starts[2] - starts[1]).TotalSeconds, 20, 21);
    }

    [Fact]
    public async Task RunAsync_AttemptsExhausted_StepFailsAfterAllAttempts()
    {
        var clock = new FakeTimeProvider();
        using var h = new EngineHarness(clock);
        var result = await EngineHarness.RunAdvancingAsync(h, clock, """
            name: retry
            steps:
              - id: a
                action: probe
                with: { key: a, failTimes: 9 }
                retry: { attempts: 4, backoff: fixed, initialDelay: 2s }
            """, TimeSpan.FromSeconds(1));
        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Equal(4, h.Probe.Calls.Count);
        Assert.Equal(4, result.Steps.Single().Attempts);
    }

    [Fact]
    public async Task RunAsync_RetryWhenFalse_StopsRetrying()
    {
        var clock = new FakeTimeProvider();
        using var h = new EngineHarness(clock);
        var result = await EngineHarness.RunAdvancingAsync(h, clock, """
            name: retry
            steps:
              - id: a
                action: probe
                with: { key: a, failTimes: 9, exitCode: 2 }
                retry: { attempts: 5, initialDelay: 1s, when: "attempt.exitCode != 2" }
            """, TimeSpan.FromSeconds(1));
        Assert.Equal(RunStatus.Failed, result.Status);
        Assert.Single(h.Probe.Calls);
    }

    [Theory]
    [InlineData(BackoffKind.Fixed, 1, 5000)]
    [InlineData(BackoffKind.Fixed, 4, 5000)]
    [InlineData(BackoffKind.Exponential, 1, 5000)]
    [InlineData(BackoffKind.Exponential, 2, 10000)]
    [InlineData(BackoffKind.Exponential, 3, 20000)]
    [InlineData(BackoffKind.Exponential, 10, 60000)]
    public void Delay_WithoutJitter_FollowsTheDocumentedFormula(BackoffKind kind, int attempt, double expectedMs)
    {
        var policy = new RetryPolicy { Backoff = kind, InitialDelay = TimeSpan.FromSeconds(5), MaxDelay = TimeSpan.FromMinutes(1) };
        Assert.Equal(expectedMs, Backoff.Delay(policy, attempt, random: 0.9).TotalMilliseconds);
    }

    [Theory]
    [InlineData(0.0, 8000)]
    [InlineData(0.5, 10000)]
    [InlineData(1.0, 12000)]
    public void Delay_WithJitter_SpreadsWithinTheFraction(double random, double expectedMs)
    {
        var policy = new RetryPolicy { Backoff = BackoffKind.Fixed, InitialDelay = TimeSpan.FromSeconds(10), Jitter = 0.2 };
        Assert.Equal(expectedMs, Backoff.Delay(policy, 1, random).TotalMilliseconds, precision: 6);
    }
}
