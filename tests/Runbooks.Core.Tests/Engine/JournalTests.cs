using Runbooks.Core.Journal;

namespace Runbooks.Core.Tests.Engine;

public sealed class JournalTests
{
    [Fact]
    public async Task RunAsync_StepActs_ItsStartIsAlreadyInTheJournal()
    {
        using var h = new EngineHarness();
        var seenAtStart = new List<JournalEntryKind>();
        h.Probe.OnStart = _ =>
        {
            seenAtStart.AddRange(h.Journal.Entries.Select(e => e.Kind));
            return Task.CompletedTask;
        };
        await h.RunAsync("""
            name: wal
            steps:
              - { id: a, action: probe, idempotent: false, with: { key: a } }
            """);
        Assert.Equal([JournalEntryKind.RunStarted, JournalEntryKind.StepStarted], seenAtStart);
        var started = h.Journal.Entries.Single(e => e.Kind == JournalEntryKind.StepStarted).Start!;
        Assert.Equal("a", started.StepPath);
        Assert.False(started.Idempotent);
        Assert.Equal("probe a", started.Description);
    }

    [Fact]
    public async Task RunAsync_EveryTransition_RecordedInOrder()
    {
        using var h = new EngineHarness();
        await h.RunAsync("""
            name: order
            steps:
              - { id: a, action: probe, with: { key: a } }
              - { id: b, action: probe, if: "false", with: { key: b } }
            """);
        Assert.Equal(
            [JournalEntryKind.RunStarted, JournalEntryKind.StepStarted, JournalEntryKind.StepFinished, JournalEntryKind.StepSkipped, JournalEntryKind.RunFinished],
            h.Journal.Entries.Select(e => e.Kind));
    }
}
