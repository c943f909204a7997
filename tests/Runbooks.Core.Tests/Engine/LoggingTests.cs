namespace Runbooks.Core.Tests.Engine;

public sealed class LoggingTests
{
    [Fact]
    public async Task RunAsync_StepEvents_CarryRunIdRunbookStepIdAttemptAndTarget()
    {
        using var h = new EngineHarness();
        var result = await h.RunAsync("""
            name: logged
            steps:
              - { id: a, action: probe, with: { key: a } }
              - { id: b, action: probe, if: "false", with: { key: b } }
              - { id: c, action: log, with: { message: hello } }
            """);
        var stepEvents = h.Events.All.Where(e => e.Properties.ContainsKey("StepId")).ToList();
        Assert.NotEmpty(stepEvents);
        Assert.All(stepEvents, e =>
        {
            foreach (var property in new[] { "RunId", "Runbook", "StepId", "Attempt", "Target" })
            {
                Assert.True(e.Properties.ContainsKey(property), $"'{e.RenderMessage()}' lacks {property}");
            }
            Assert.Equal($"\"{result.RunId}\"", e.Properties["RunId"].ToString());
        });
        Assert.Contains(stepEvents, e => e.Properties["StepId"].ToString() == "\"b\"" && e.RenderMessage().Contains("skipped", StringComparison.Ordinal));
        // The log action's own event goes through the step's logger too.
        Assert.Contains(stepEvents, e => e.Properties["StepId"].ToString() == "\"c\"" && e.RenderMessage().Contains("hello", StringComparison.Ordinal));
    }
}
