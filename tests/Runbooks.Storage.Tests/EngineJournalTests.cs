using Runbooks.Actions;
using Runbooks.Core.Actions;
using Runbooks.Core.Engine;
using Runbooks.Core.Journal;
using Runbooks.Core.Templates;
using Runbooks.Core.Validation;
using Runbooks.Storage.Sqlite;
using Runbooks.Transports.Local;
using Serilog;

namespace Runbooks.Storage.Tests;

/// <summary>A real run of the engine written to the SQLite journal and read back.</summary>
public sealed class EngineJournalTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("runbooks-engine-journal-").FullName;
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };

    public void Dispose()
    {
        _http.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    /// <summary>The engine with the built-in actions and local commands, writing to <paramref name="store"/>'s journal.</summary>
    private (RunbookLoader Loader, RunEngine Engine) Engine(JournalStore store, IRunJournal? journal = null)
    {
        var actions = new ActionRegistry(BuiltInActions.Create(_http));
        var templates = new ScribanTemplateEngine();
        var loader = new RunbookLoader(actions, templates);
        return (loader, new RunEngine(new EngineServices
        {
            Actions = actions, Templates = templates, Journal = journal ?? store.Journal, Executors = new LocalExecutorFactory(), Loader = loader,
            Log = new LoggerConfiguration().CreateLogger(),
        }));
    }

    [Fact]
    public async Task RunAsync_WithSqliteJournal_EveryAttemptSkipAndTheEndAreStored()
    {
        await using var store = await JournalStore.OpenAsync(new SqliteJournalDatabase(Path.Combine(_directory, "runbooks.db")), CancellationToken.None);
        var (loader, engine) = Engine(store);
        var runbook = loader.LoadText("""
            name: journaled
            parameters:
              who: { type: string, default: world }
            steps:
              - id: greet
                action: shell
                with: { argv: [echo, "hello {{ params.who }}"] }
              - id: never
                if: "false"
                action: log
                with: { message: unreachable }
            outputs:
              said: "{{ steps.greet.outputs.stdout | string.strip }}"
            """, "journaled.yaml").Runbook!;

        var result = await engine.RunAsync(new RunRequest { Runbook = runbook, Trigger = "test:storage" }, CancellationToken.None);

        var document = (await store.GetRunAsync(result.RunId, CancellationToken.None))!;
        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal(("journaled", "succeeded", "test:storage"), (document.Run.Runbook, document.Run.Status, document.Run.Trigger));
        Assert.Equal("world", document.Run.Parameters["who"]);
        Assert.Equal("hello world", document.Run.Outputs["said"]);
        var greet = Assert.Single(document.Attempts);
        Assert.Equal(("greet", "local", "shell", "succeeded", 0, "hello world\n"), (greet.StepPath, greet.Target, greet.Action, greet.Status, greet.ExitCode, greet.Stdout));
        Assert.Equal("never", Assert.Single(document.Skips).StepPath);
    }

    [Fact]
    public async Task RunAsync_StepsWithoutEffects_AreStoredAsEndedAttemptsInStepOrder()
    {
        await using var store = await JournalStore.OpenAsync(new SqliteJournalDatabase(Path.Combine(_directory, "runbooks.db")), CancellationToken.None);
        var journal = new IntentsSeen(store.Journal);
        var (loader, engine) = Engine(store, journal);
        var runbook = loader.LoadText("""
            name: facts
            steps:
              - id: pick
                action: set
                with: { values: { limit: 85 } }
              - id: check
                action: assert
                with: { that: "{{ steps.pick.outputs.limit == 85 }}", message: limit is 85 }
              - id: act
                action: shell
                with: { argv: [echo, acted] }
              - id: note
                action: log
                with: { message: done }
            """, "facts.yaml").Runbook!;

        var result = await engine.RunAsync(new RunRequest { Runbook = runbook, Trigger = "test:storage" }, CancellationToken.None);

        var attempts = (await store.GetRunAsync(result.RunId, CancellationToken.None))!.Attempts.OrderBy(a => a.FencingToken).ToList();
        Assert.Equal(RunStatus.Succeeded, result.Status);
        Assert.Equal(["pick", "check", "act", "note"], attempts.Select(a => a.StepPath));
        Assert.All(attempts, a => Assert.Equal(("succeeded", true), (a.Status, a.EndedAt >= a.StartedAt)));
        Assert.Equal([1L, 2L, 3L, 4L], attempts.Select(a => a.FencingToken));
        Assert.Equal(85L, attempts[0].Outputs["limit"]);
        // Only the step that acts wrote an intent before it ran; the others were recorded once, ended.
        Assert.Equal(["act"], journal.Intents);
    }

    /// <summary>The store's journal, noting which steps recorded an intent (a start before acting).</summary>
    private sealed class IntentsSeen(IRunJournal inner) : IRunJournal
    {
        public List<string> Intents { get; } = [];

        public ValueTask RunStartedAsync(RunRecord run, CancellationToken cancellationToken) => inner.RunStartedAsync(run, cancellationToken);

        public ValueTask<StepTicket> StepStartingAsync(StepAttemptStart start, CancellationToken cancellationToken)
        {
            lock (Intents)
            {
                Intents.Add(start.StepPath);
            }
            return inner.StepStartingAsync(start, cancellationToken);
        }

        public ValueTask StepFinishedAsync(StepTicket ticket, StepAttemptOutcome outcome, CancellationToken cancellationToken) => inner.StepFinishedAsync(ticket, outcome, cancellationToken);

        public ValueTask StepRecordedAsync(StepAttemptStart start, StepAttemptOutcome outcome, CancellationToken cancellationToken) => inner.StepRecordedAsync(start, outcome, cancellationToken);

        public ValueTask StepSkippedAsync(string runId, string stepPath, string target, string reason, DateTimeOffset at, CancellationToken cancellationToken) =>
            inner.StepSkippedAsync(runId, stepPath, target, reason, at, cancellationToken);

        public ValueTask RunResumedAsync(string runId, string by, string reason, bool anyStepStarted, DateTimeOffset at, CancellationToken cancellationToken) =>
            inner.RunResumedAsync(runId, by, reason, anyStepStarted, at, cancellationToken);

        public ValueTask RunParkedAsync(string runId, RunStatus status, string reason, DateTimeOffset? wakeAt, DateTimeOffset at, CancellationToken cancellationToken) =>
            inner.RunParkedAsync(runId, status, reason, wakeAt, at, cancellationToken);

        public ValueTask ApprovalRequestedAsync(ApprovalRequest request, CancellationToken cancellationToken) => inner.ApprovalRequestedAsync(request, cancellationToken);

        public ValueTask RunFinishedAsync(string runId, RunStatus status, string? error, IReadOnlyDictionary<string, object?> outputs, DateTimeOffset at, CancellationToken cancellationToken) =>
            inner.RunFinishedAsync(runId, status, error, outputs, at, cancellationToken);
    }
}
