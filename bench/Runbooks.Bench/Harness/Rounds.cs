using System.Diagnostics;

namespace Runbooks.Bench.Harness;

/// <summary>Times rounds of a shape on an engine: a fresh engine per round, a full GC before, allocations across.</summary>
internal static class Rounds
{
    public static async Task<Sample> MeasureAsync(Contender contender, Shape shape)
    {
        await using var engine = contender.Create();
        await engine.PrepareAsync(shape);
        // Start each round from a clean heap so one round's garbage is not collected on the next one's clock.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        // Process-wide on purpose: a peer that does its work on background threads pays for them too.
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        await engine.RunAsync(shape);
        clock.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        return new Sample(shape.TotalSteps, clock.Elapsed, allocated);
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
