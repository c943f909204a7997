using System.Diagnostics;
using Runbooks.Bench.WorkflowCorePeer;
using Runbooks.Core.Templates;
using Scriban;
using Scriban.Runtime;
using Serilog;

namespace Runbooks.Bench.Harness;

/// <summary>
/// <c>--breakdown</c>: the pieces of a step's cost, each repeated on one thread, in microseconds and bytes per
/// operation. Subtracting them from a whole step shows where an engine's own overhead is.
/// </summary>
internal static class Breakdown
{
    private const int Iterations = 20_000;

    public static async Task WriteAsync(TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var shared = new SetStepShared(BenchLogging.Logger);
        var templates = new ScribanTemplateEngine();
        var runInfo = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["id"] = "0196a1b2c3d4e5f60718293a4b5c6d7e", ["runbook"] = "bench-1000", ["trigger"] = "bench",
            ["startedAt"] = "2025-01-01T00:00:00.0000000+00:00", ["dryRun"] = false, ["parentId"] = null,
        };
        // The scope RunContext.Scope builds for a step (params, run, target, secrets, steps).
        var scope = new TemplateScope(new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["params"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["greeting"] = StepTemplate.Greeting },
            ["run"] = runInfo,
            ["target"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["name"] = "local", ["transport"] = "local", ["address"] = null, ["labels"] = new Dictionary<string, object?>() },
            ["secrets"] = new Dictionary<string, object?>(),
            ["steps"] = new Dictionary<string, object?>(),
        });
        var log = BenchLogging.Logger.ForContext("RunId", runInfo["id"]).ForContext("Runbook", "bench-1000").ForContext("Target", "local");

        output.WriteLine("| piece (one thread) | us/op | bytes/op |");
        output.WriteLine("|---|--:|--:|");
        Row(output, "Scriban: new TemplateContext(shared builtins)", () => _ = new TemplateContext(shared.Builtins));
        Row(output, "Scriban: ScriptObject subclass, base(capacity) (auto-imports statics by reflection)", () => _ = new ProbeScriptObject(2, autoImport: true));
        Row(output, "Scriban: ScriptObject subclass, base(capacity, autoImportStaticsFromThisType: false)", () => _ = new ProbeScriptObject(2, autoImport: false));
        Row(output, "Scriban: render with a fresh context (the WorkflowCore step's render)", () => RenderPlain(shared));
        Row(output, "Runbooks: ITemplateEngine.Compile (cache hit) + Evaluate, step scope", () =>
            templates.Evaluate(templates.Compile(StepTemplate.Text, TemplateKind.Text), scope, CancellationToken.None));
        Row(output, "Serilog: 1 event, 3 properties (the WorkflowCore step's log)", () =>
            shared.Log.Information("Step {StepId} of {WorkflowId} set v = {Value}", 7, "wf", "hello-wf"));
        Row(output, "Serilog: 3 ForContext + 2 events (ActionStepRunner's per-step logging)", () =>
        {
            var stepLog = log.ForContext("StepId", "s7").ForContext("StepPath", "s7");
            var attemptLog = stepLog.ForContext("Attempt", 1);
            attemptLog.Information("{StepPath} started (attempt {Attempt}/{Attempts}): {Description}", "s7", 1, 1, "set v");
            attemptLog.Information("{StepPath} succeeded in {DurationMs} ms", "s7", 0L);
        });
        Row(output, "CancellationTokenSource: linked + CancelAfter + dispose (per render and per step)", () =>
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(CancellationToken.None);
            linked.CancelAfter(TimeSpan.FromSeconds(5));
        });
        foreach (var steps in new[] { 10, 1_000 })
        {
            await WholeStepAsync(output, $"Runbooks: a whole step of a {steps}-step run", new RunbooksEngine.RunbooksBench(), steps);
            await WholeStepAsync(output, $"WorkflowCore (sync runner): a whole step of a {steps}-step run", new WorkflowCoreBench(WorkflowCoreMode.SyncRunner), steps);
        }
    }

    private static async Task WholeStepAsync(TextWriter output, string name, IBenchEngine engine, int steps)
    {
        await using (engine)
        {
            var shape = new Shape(name, 1, steps);
            await engine.PrepareAsync(shape);
            var runs = Math.Max(4, Iterations / 4 / steps);
            for (var i = 0; i < runs / 4; i++)
            {
                await engine.RunAsync(shape);
            }
            GC.Collect();
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < runs; i++)
            {
                await engine.RunAsync(shape);
            }
            clock.Stop();
            var bytes = (GC.GetTotalAllocatedBytes(precise: true) - before) / (runs * steps);
            output.WriteLine($"| {name} | {clock.Elapsed.TotalMicroseconds / (runs * steps):0.00} | {bytes:#,0} |");
        }
    }

    private static string RenderPlain(SetStepShared shared)
    {
        var parameters = new ScriptObject(1);
        parameters.SetValue("greeting", StepTemplate.Greeting, readOnly: true);
        var run = new ScriptObject(1);
        run.SetValue("id", "wf", readOnly: true);
        var globals = new ScriptObject(2);
        globals.SetValue("params", parameters, readOnly: true);
        globals.SetValue("run", run, readOnly: true);
        var context = new TemplateContext(shared.Builtins) { StrictVariables = true };
        context.PushGlobal(globals);
        return shared.Template.Render(context);
    }

    private static void Row(TextWriter output, string name, Action operation)
    {
        for (var i = 0; i < Iterations / 4; i++)
        {
            operation();
        }
        GC.Collect();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < Iterations; i++)
        {
            operation();
        }
        clock.Stop();
        var bytes = (GC.GetAllocatedBytesForCurrentThread() - before) / Iterations;
        output.WriteLine($"| {name} | {clock.Elapsed.TotalMicroseconds / Iterations:0.00} | {bytes:#,0} |");
    }
}
