namespace Runbooks.Core.Model;

/// <summary>
/// How a run moves through many targets. Counts may be absolute (<c>10</c>) or a share of the targets (<c>25%</c>).
/// </summary>
public sealed record RolloutStrategy
{
    /// <summary>How many targets run at once. Default 1.</summary>
    public string Concurrency { get; init; } = "1";

    /// <summary>Targets per rolling batch, or null for one batch of all.</summary>
    public string? Batch { get; init; }

    /// <summary>Failures tolerated; one more halts dispatching (in-flight targets finish). Default 0.</summary>
    public string MaxErrors { get; init; } = "0";

    /// <summary>Pause between batches.</summary>
    public TimeSpan PauseBetweenBatches { get; init; }

    /// <summary>
    /// Steps run on this machine after each batch but the last (after the pause); a failure halts the rollout.
    /// </summary>
    public IReadOnlyList<StepDefinition> HealthCheck { get; init; } = [];
}
