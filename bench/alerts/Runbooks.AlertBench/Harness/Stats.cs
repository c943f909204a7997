namespace Runbooks.AlertBench.Harness;

/// <summary>Percentiles by nearest rank (p99 of 200 samples is the 198th smallest); p50 is the median by the same rule.</summary>
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
}
