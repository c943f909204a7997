using System.Diagnostics;

namespace Runbooks.Bench.Harness;

/// <summary>Times rounds of a shape on an engine: a fresh engine per round, a full GC before; wall time, process CPU time,
/// allocations and GC pauses across.</summary>
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
        var pausedBefore = GC.GetTotalPauseDuration();
        var cpuBefore = Environment.CpuUsage.TotalTime;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < shape.Repeats; i++)
        {
            await engine.RunAsync(shape);
        }
        clock.Stop();
        var cpu = Environment.CpuUsage.TotalTime - cpuBefore;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
        return new Sample(shape.TotalSteps, clock.Elapsed, cpu, allocated, GC.GetTotalPauseDuration() - pausedBefore);
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
