using Runbooks.Actions;
using Runbooks.Bench.Harness;
using Runbooks.Core.Actions;
using Runbooks.Core.Engine;
using Runbooks.Core.Journal;
using Runbooks.Core.Model;
using Runbooks.Core.Templates;
using Runbooks.Core.Validation;

namespace Runbooks.Bench.RunbooksEngine;

/// <summary>
/// The Runbooks engine as a product wires it: built-in actions, the sandboxed Scriban engine, the in-memory journal
/// (every entry kept, as WorkflowCore's in-memory persistence keeps every instance), the shared Serilog logger.
/// </summary>
internal sealed class RunbooksBench : IBenchEngine
{
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private RunEngine? _engine;
    private RunbookDefinition? _runbook;

    public Task PrepareAsync(Shape shape)
    {
        var templates = new ScribanTemplateEngine();
        var actions = new ActionRegistry(BuiltInActions.Create(_http));
        var loader = new RunbookLoader(actions, templates);
        _runbook = loader.LoadText(BenchRunbook.Yaml(shape.StepsPerRun), $"bench-{shape.StepsPerRun}.yaml").EnsureValid();
        _engine = new RunEngine(new EngineServices
        {
            Actions = actions,
            Templates = templates,
            Journal = new InMemoryRunJournal(),
            Executors = new NoCommandsExecutorFactory(),
            Loader = loader,
            Log = BenchLogging.Logger,
        });
        return Task.CompletedTask;
    }

    public async Task RunAsync(Shape shape)
    {
        var engine = _engine ?? throw new InvalidOperationException("PrepareAsync first.");
        var request = new RunRequest { Runbook = _runbook!, Trigger = "bench" };
        if (shape.Runs == 1)
        {
            Check(await engine.RunAsync(request, CancellationToken.None));
            return;
        }
        // A run of set steps never yields (nothing it awaits is asynchronous), so each run is put on the thread
        // pool: otherwise the "concurrent" runs would simply run one after another on this thread.
        var runs = new Task<RunResult>[shape.Runs];
        for (var i = 0; i < runs.Length; i++)
        {
            runs[i] = Task.Run(() => engine.RunAsync(request, CancellationToken.None));
        }
        foreach (var result in await Task.WhenAll(runs))
        {
            Check(result);
        }
    }

    public ValueTask DisposeAsync()
    {
        _http.Dispose();
        return ValueTask.CompletedTask;
    }

    private static void Check(RunResult result)
    {
        if (result.Status != RunStatus.Succeeded)
        {
            throw new InvalidOperationException($"Run {result.RunId} of {result.Runbook} ended {result.Status}: {result.Error}");
        }
        // The last step's output proves the template really rendered (and with this run's id).
        var expected = StepTemplate.Expected(result.RunId);
        if (result.Steps[^1].Outputs.GetValueOrDefault("v") as string != expected)
        {
            throw new InvalidOperationException($"Run {result.RunId}: the last step's output is not '{expected}'.");
        }
    }
}
