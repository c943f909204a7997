using Microsoft.Extensions.Time.Testing;
using Runbooks.Actions.Tests.TestSupport;
using Runbooks.Actions.Wait;
using Runbooks.Core.Actions;
using Runbooks.Core.Secrets;
using static Runbooks.Actions.Tests.TestSupport.Contexts;

namespace Runbooks.Actions.Tests.Wait;

public sealed class WaitActionTests
{
    private readonly WaitAction _action = new();
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task ExecuteAsync_Duration_CompletesOnlyWhenTheClockReachesIt()
    {
        var run = _action.ExecuteAsync(Create(Map(("duration", "30s")), _time), default);

        _time.Advance(TimeSpan.FromSeconds(29));
        Assert.False(run.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        var result = await run.WaitAsync(TimeSpan.FromSeconds(5));

        Assert.True(result.Succeeded);
        Assert.Equal(30_000L, result.Outputs["waitedMs"]);
        Assert.Equal(0L, result.Outputs["attempts"]);
    }

    [Fact]
    public async Task ExecuteAsync_DurationCancelled_Throws()
    {
        using var cts = new CancellationTokenSource();
        var run = _action.ExecuteAsync(Create(Map(("duration", "1h")), _time), cts.Token);

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
    }

    [Fact]
    public async Task ExecuteAsync_UntilProbeSucceedsOnThirdAttempt_SucceedsWithAttempts()
    {
        var host = new FakeActionHost();
        host.ProbeResults.Enqueue(ActionResult.Failure("refused"));
        host.ProbeResults.Enqueue(ActionResult.Failure("503"));
        host.ProbeResults.Enqueue(ActionResult.Success(new Dictionary<string, object?>()));
        var probe = Map(("action", "http.check"), ("with", Map(("url", "http://127.0.0.1:1/health"))));

        var result = await Drive(_action.ExecuteAsync(Create(Map(("until", probe), ("interval", "5s")), _time, host), default));

        Assert.True(result.Succeeded);
        Assert.Equal(3L, result.Outputs["attempts"]);
        Assert.Equal(10_000L, result.Outputs["waitedMs"]);
        Assert.All(host.ActionCalls, c => Assert.Equal("http.check", c.Action));
        Assert.Equal("http://127.0.0.1:1/health", host.ActionCalls[0].Inputs["url"]);
    }

    [Fact]
    public async Task ExecuteAsync_UntilNeverSucceeds_FailsAtTimeoutWithLastError()
    {
        var host = new FakeActionHost();
        host.ProbeResults.Enqueue(ActionResult.Failure("connection refused"));
        host.ProbeResults.Enqueue(ActionResult.Failure("status 503 token s3cret"));
        var secrets = new SecretMasker();
        secrets.Add("s3cret");
        var inputs = Map(("until", Map(("action", "http.check"))), ("interval", "5s"), ("timeout", "12s"));

        var result = await Drive(_action.ExecuteAsync(Create(inputs, _time, host, secrets: secrets), default));

        // Probes at 0s, 5s, 10s and, the deadline not being a whole interval away, one last at 12s.
        Assert.False(result.Succeeded);
        Assert.Equal("the probe 'http.check' did not succeed within 12s (4 attempts); last error: status 503 token ***", result.Error);
        Assert.Equal(12_000L, result.Outputs["waitedMs"]);
    }

    [Fact]
    public async Task ExecuteAsync_ZeroInterval_Fails()
    {
        var result = await _action.ExecuteAsync(Create(Map(("until", Map(("action", "log"))), ("interval", "0s")), _time), default);

        Assert.Equal("interval must be longer than 0s; it is 0s", result.Error);
    }

    [Fact]
    public void Describe_Until_ShowsProbeIntervalAndTimeout()
    {
        var text = _action.Describe(new ActionInputs(Map(("until", Map(("action", "http.check"))), ("interval", "2s"), ("timeout", "1m"))));

        Assert.Equal("wait until http.check succeeds, every 2s, for at most 1m", text);
    }

    // Moves the fake clock a second at a time until the action finishes (each delay is registered before it fires).
    private async Task<ActionResult> Drive(Task<ActionResult> run)
    {
        for (var i = 0; i < 10_000 && !run.IsCompleted; i++)
        {
            await Task.Delay(1);
            _time.Advance(TimeSpan.FromSeconds(1));
        }
        return await run.WaitAsync(TimeSpan.FromSeconds(5));
    }
}
