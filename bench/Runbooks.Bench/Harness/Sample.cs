namespace Runbooks.Bench.Harness;

/// <summary>One timed round: steps executed, wall time and bytes allocated by the whole process meanwhile.</summary>
internal sealed record Sample(long Steps, TimeSpan Elapsed, long AllocatedBytes)
{
    public double StepsPerSecond => Steps / Elapsed.TotalSeconds;

    public double BytesPerStep => (double)AllocatedBytes / Steps;
}
