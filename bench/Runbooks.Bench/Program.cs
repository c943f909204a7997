using System.Runtime;
using System.Runtime.InteropServices;
using Runbooks.Bench.Harness;
using Runbooks.Bench.RunbooksEngine;
using Runbooks.Bench.WorkflowCorePeer;

// Engine overhead with no I/O: Runbooks against WorkflowCore 3.22.0 on the same shapes, in one process.
// Usage and what is measured: docs/performance.md.
const double Goal = 3;

if (BenchOptions.Parse(args, Console.Error) is not { } options)
{
    return 2;
}
StepTemplate.Text = options.Template == "filtered" ? StepTemplate.Filtered : StepTemplate.Plain;
Console.WriteLine($"Each step renders {StepTemplate.Text} ({options.Template} template) and logs one event.");
if (options.Breakdown)
{
    await Breakdown.WriteAsync(Console.Out);
    return 0;
}

Contender[] contenders =
[
    new("Runbooks", IsRunbooks: true, () => new RunbooksBench()),
    new("WorkflowCore (hosted)", IsRunbooks: false, () => new WorkflowCoreBench(WorkflowCoreMode.Hosted)),
    new("WorkflowCore (sync runner)", IsRunbooks: false, () => new WorkflowCoreBench(WorkflowCoreMode.SyncRunner)),
];
contenders = [.. contenders.Where(c => options.Only is null || c.Name.StartsWith(options.Only, StringComparison.OrdinalIgnoreCase))];

Console.WriteLine($"{RuntimeInformation.FrameworkDescription}, {RuntimeInformation.OSDescription}, {Environment.ProcessorCount} cores, " +
    $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC; 1 warm-up + {options.Rounds} timed round(s) per engine and shape, interleaved");

var results = new List<ScenarioResult>();
foreach (var shape in options.Shapes)
{
    foreach (var contender in contenders)
    {
        Console.WriteLine($"  warm-up  {shape.Name,-22} {contender.Name}");
        await Rounds.MeasureAsync(contender, shape);
    }
    var samples = contenders.ToDictionary(c => c, _ => new List<Sample>());
    for (var round = 1; round <= options.Rounds; round++)
    {
        // Engines take turns within each round, so a noisy neighbour hurts all of them alike.
        foreach (var contender in contenders)
        {
            var sample = await Rounds.MeasureAsync(contender, shape);
            samples[contender].Add(sample);
            Console.WriteLine($"  round {round}  {shape.Name,-22} {contender.Name,-27} {sample.StepsPerSecond,9:#,0} steps/s " +
                $"{sample.CpuMicrosecondsPerStep,7:0.0} us CPU/step {sample.BytesPerStep,8:#,0} B/step  {sample.Elapsed.TotalMilliseconds,7:#,0} ms, {sample.GcPausePercent:0}% in GC pauses");
        }
    }
    results.AddRange(contenders.Select(c => new ScenarioResult(shape, c, samples[c])));
}

Console.WriteLine();
ResultTable.Write(Console.Out, results, options.Quick ? null : Goal);
Console.WriteLine($"(log events rendered: {BenchLogging.Sink.Events:#,0})");
return 0;
