using Runbooks.Core.Journal;

namespace Runbooks.Core.Engine;

/// <summary>How a run ended: status, outputs and every step on every target.</summary>
public sealed record RunResult
{
    /// <summary>The run's id.</summary>
    public required string RunId { get; init; }

    /// <summary>The runbook's name.</summary>
    public required string Runbook { get; init; }

    /// <summary>Final status.</summary>
    public required RunStatus Status { get; init; }

    /// <summary>Why it failed or was cancelled; null on success.</summary>
    public string? Error { get; init; }

    /// <summary>
    /// The runbook's outputs (secrets masked); empty unless it succeeded. On inventory hosts: a map from host name to
    /// that host's outputs.
    /// </summary>
    public IReadOnlyDictionary<string, object?> Outputs { get; init; } = new Dictionary<string, object?>();

    /// <summary>Every step, in the order they ended.</summary>
    public required IReadOnlyList<StepResult> Steps { get; init; }

    /// <summary>When it started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When it ended.</summary>
    public required DateTimeOffset EndedAt { get; init; }

    /// <summary>Every target in rollout order, with its batch and how it ended (one entry, <c>local</c>, for local runs).</summary>
    public IReadOnlyList<TargetResult> Targets { get; init; } = [];

    /// <summary>For a run on inventory hosts: the rollout (batches, concurrency, halt rule) in words; else null.</summary>
    public string? Rollout { get; init; }

    /// <summary>Why the rollout stopped starting hosts (too many failures, a failed health check); null when it did not.</summary>
    public string? Halted { get; init; }

    /// <summary>For a suspended run: when it is looked at again even if nobody decides (a gate's timeout).</summary>
    public DateTimeOffset? WakeAt { get; init; }

    /// <summary>Whether it was a dry-run.</summary>
    public bool DryRun { get; init; }

    /// <summary>
    /// True when an alert started the run (it carries the alert's data): its end counts toward that alert's circuit
    /// breaker. A worker looks the run up among the alerts' runs only then.
    /// </summary>
    public bool StartedByAlert { get; init; }
}
