using Microsoft.Extensions.Time.Testing;
using Runbooks.Actions;
using Runbooks.Core.Actions;
using Runbooks.Core.Engine;
using Runbooks.Core.Journal;
using Runbooks.Core.Model;
using Runbooks.Core.Secrets;
using Runbooks.Core.Templates;
using Runbooks.Core.Validation;
using Runbooks.Transports.Local;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace Runbooks.Core.Tests.Engine;

/// <summary>Builds an engine with the built-in actions plus <see cref="ProbeAction"/>, a journal and captured logs.</summary>
internal sealed class EngineHarness : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };

    public EngineHarness(TimeProvider? time = null, ISecretProvider? secrets = null,
        Core.Inventory.InventoryDefinition? inventory = null, Core.Execution.ITargetExecutorFactory? executors = null)
    {
        Time = time ?? TimeProvider.System;
        Actions = new ActionRegistry([.. BuiltInActions.Create(_http), Probe]);
        Loader = new RunbookLoader(Actions, Templates);
        Engine = new RunEngine(new EngineServices
        {
            Actions = Actions, Templates = Templates, Journal = Journal, Executors = executors ?? new LocalExecutorFactory(), Loader = Loader, Inventory = inventory,
            Time = Time, Log = new LoggerConfiguration().MinimumLevel.Verbose().WriteTo.Sink(Events).CreateLogger(),
            Secrets = secrets ?? new EnvironmentSecretProvider(), Random = () => 0.5,
        });
    }

    public ProbeAction Probe { get; } = new();
    public ScribanTemplateEngine Templates { get; } = new();
    public ActionRegistry Actions { get; }
    public RunbookLoader Loader { get; }
    public InMemoryRunJournal Journal { get; } = new();
    public CollectingSink Events { get; } = new();
    public RunEngine Engine { get; }
    public TimeProvider Time { get; }

    public RunbookDefinition Load(string yaml, string file = "test.yaml")
    {
        var result = Loader.LoadText(yaml, file);
        Assert.True(result.IsValid, string.Join(Environment.NewLine, result.Diagnostics));
        return result.Runbook!;
    }

    public Task<RunResult> RunAsync(string yaml, IReadOnlyDictionary<string, object?>? parameters = null, bool dryRun = false, CancellationToken cancellationToken = default) =>
        Engine.RunAsync(new RunRequest { Runbook = Load(yaml), Parameters = parameters ?? new Dictionary<string, object?>(), DryRun = dryRun, Trigger = "test" }, cancellationToken);

    /// <summary>Runs with a fake clock, advancing it in steps until the run ends (bounded by real time).</summary>
    public static async Task<RunResult> RunAdvancingAsync(EngineHarness harness, FakeTimeProvider clock, string yaml, TimeSpan step)
    {
        var run = harness.RunAsync(yaml);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!run.IsCompleted && DateTime.UtcNow < deadline)
        {
            await Task.Delay(5);
            clock.Advance(step);
        }
        return await run;
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>Keeps every log event, rendered, for assertions.</summary>
internal sealed class CollectingSink : ILogEventSink
{
    private readonly System.Collections.Concurrent.ConcurrentQueue<LogEvent> _events = new();

    public IReadOnlyList<LogEvent> All => [.. _events];

    public void Emit(LogEvent logEvent) => _events.Enqueue(logEvent);

    public string Text() => string.Join(Environment.NewLine, All.Select(e =>
        e.RenderMessage() + " " + string.Join(" ", e.Properties.Select(p => $"{p.Key}={p.Value}"))));
}
