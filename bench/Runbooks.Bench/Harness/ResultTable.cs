using System.Globalization;

namespace Runbooks.Bench.Harness;

/// <summary>Prints the side-by-side table (Markdown, so it can be pasted into docs/performance.md as it is).</summary>
internal static class ResultTable
{
    /// <param name="goal">The ratio to judge against, or null for a smoke run too small to judge.</param>
    public static void Write(TextWriter output, IReadOnlyList<ScenarioResult> results, double? goal)
    {
        output.WriteLine("| scenario | engine | steps/s (median) | steps/s (min-max) | CPU us/step (median) | bytes allocated/step | Runbooks ÷ engine (steps/s) | engine ÷ Runbooks (CPU/step) |");
        output.WriteLine("|---|---|--:|--:|--:|--:|--:|--:|");
        foreach (var shape in results.Select(r => r.Shape).Distinct())
        {
            var rows = results.Where(r => r.Shape == shape).ToList();
            var runbooks = rows.SingleOrDefault(r => r.Contender.IsRunbooks);
            foreach (var row in rows)
            {
                var ratio = row.Contender.IsRunbooks || runbooks is null ? "" : $"{runbooks.MedianStepsPerSecond / row.MedianStepsPerSecond:0.0}x";
                var cpuRatio = row.Contender.IsRunbooks || runbooks is null ? "" : $"{row.MedianCpuMicrosecondsPerStep / runbooks.MedianCpuMicrosecondsPerStep:0.0}x";
                output.WriteLine($"| {shape.Name} | {row.Contender.Name} | {Number(row.MedianStepsPerSecond)} | " +
                    $"{Number(row.MinStepsPerSecond)}-{Number(row.MaxStepsPerSecond)} | {Number(row.MedianCpuMicrosecondsPerStep)} | " +
                    $"{Number(row.MedianBytesPerStep)} | {ratio} | {cpuRatio} |");
            }
        }
        output.WriteLine();
        foreach (var shape in results.Select(r => r.Shape).Distinct())
        {
            var rows = results.Where(r => r.Shape == shape).ToList();
            var runbooks = rows.SingleOrDefault(r => r.Contender.IsRunbooks)?.MedianStepsPerSecond;
            var best = rows.Where(r => !r.Contender.IsRunbooks).MaxBy(r => r.MedianStepsPerSecond);
            if (runbooks is null || best is null)
            {
                continue;
            }
            var ratio = runbooks.Value / best.MedianStepsPerSecond;
            output.WriteLine($"{shape.Name}: Runbooks is {ratio:0.0}x the fastest WorkflowCore mode ({best.Contender.Name}); " +
                (goal is { } g ? $"goal >= {g:0}x: {(ratio >= g ? "met" : "NOT met")}" : "smoke run: shapes too small to judge the goal"));
        }
    }

    private static string Number(double value) => value.ToString(value >= 100 ? "#,0" : "0.0", CultureInfo.InvariantCulture);
}
