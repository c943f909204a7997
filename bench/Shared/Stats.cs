namespace Runbooks.Bench.Shared;

/// <summary>
/// Percentiles by nearest rank (p99 of 200 samples is the 198th smallest; NaN for no samples) and medians; shared by
/// the benchmarks (each links this file).
/// </summary>
internal static class Stats
{
    public static double Percentile(IReadOnlyCollection<double> values, double percent)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percent / 100 * sorted.Length);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Length - 1)];
    }

    /// <summary>The middle value, or the mean of the two middle values of an even count (2 rounds: their mean).</summary>
    public static double Median(IReadOnlyCollection<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
