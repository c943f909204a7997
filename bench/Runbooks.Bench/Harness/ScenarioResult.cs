namespace Runbooks.Bench.Harness;

/// <summary>Every timed round of one engine on one shape.</summary>
internal sealed record ScenarioResult(Shape Shape, Contender Contender, IReadOnlyList<Sample> Samples)
{
    public double MedianStepsPerSecond => Rounds.Median(Samples.Select(s => s.StepsPerSecond));

    public double MinStepsPerSecond => Samples.Min(s => s.StepsPerSecond);

    public double MaxStepsPerSecond => Samples.Max(s => s.StepsPerSecond);

    public double MedianCpuMicrosecondsPerStep => Rounds.Median(Samples.Select(s => s.CpuMicrosecondsPerStep));

    public double MedianBytesPerStep => Rounds.Median(Samples.Select(s => s.BytesPerStep));
}
