using Runbooks.Core.Journal;

namespace Runbooks.Core.Tests.Engine;

public sealed class CancellationTests
{
    [Fact]
    public async Task RunAsync_CancelledMidStep_StepCancelledLaterStepsCancelledFinallyRuns()
    {
        using var h = new EngineHarness();
        using var cts = new CancellationTokenSource();
        h.Probe.OnStart = context =>
        {
            if (context.StepId == "slow")
            {
                cts.CancelAfter(100);
            }
            return Task.CompletedTask;
        };
        var result = await h.RunAsync("""
            name: cancel
            steps:
              - { id: slow, action: probe, with: { key: slow, holdMs: 20000 } }
              - { id: next, action: probe, with: { key: next } }
            onFailure:
              - { id: notify, action: probe, with: { key: notify } }
            finally:
              - { id: cleanup, action: probe, with: { key: cleanup } }
            """, cancellationToken: cts.Token);
        Assert.Equal(RunStatus.Cancelled, result.Status);
        Assert.Equal(["slow", "cleanup"], h.Probe.Calls);
        Assert.Equal(StepStatus.Cancelled, result.Steps.Single(s => s.StepId == "slow").Status);
        Assert.Equal(StepStatus.Cancelled, result.Steps.Single(s => s.StepId == "next").Status);
        var finished = h.Journal.Entries[^1];
        Assert.Equal(JournalEntryKind.RunFinished, finished.Kind);
        Assert.Equal(RunStatus.Cancelled, finished.RunStatus);
    }
}
