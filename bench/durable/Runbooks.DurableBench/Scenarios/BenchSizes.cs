namespace Runbooks.DurableBench.Scenarios;

/// <summary>How much each scenario does: the full run, or the <c>--quick</c> smoke run (seconds, nothing judged).</summary>
internal sealed record BenchSizes
{
    public required int Rounds { get; init; }
    public required int LatencyRuns { get; init; }
    public required int LatencyWarmUp { get; init; }
    public required double LatencyRate { get; init; }
    public required int DrainRuns { get; init; }

    /// <summary>Jobs of the drain's backlog ahead of the measured ones: what a fresh worker process runs while .NET compiles its job path.</summary>
    public required int DrainWarmUp { get; init; }
    public required int WorkersPerProcess { get; init; }
    public required int JournalRunsPerRound { get; init; }
    public required int JournalRounds { get; init; }
    public required int SshRuns { get; init; }
    public required int SshWorkersPerProcess { get; init; }

    public static BenchSizes Full { get; } = new()
    {
        Rounds = 2, LatencyRuns = 200, LatencyWarmUp = 40, LatencyRate = 20, DrainRuns = 500, DrainWarmUp = 500, WorkersPerProcess = 8,
        JournalRunsPerRound = 20, JournalRounds = 5, SshRuns = 32, SshWorkersPerProcess = 4,
    };

    public static BenchSizes Quick { get; } = new()
    {
        Rounds = 1, LatencyRuns = 20, LatencyWarmUp = 20, LatencyRate = 20, DrainRuns = 50, DrainWarmUp = 20, WorkersPerProcess = 8,
        JournalRunsPerRound = 2, JournalRounds = 1, SshRuns = 8, SshWorkersPerProcess = 4,
    };
}
