using Runbooks.Core.Journal;

namespace Runbooks.Core.Engine;

/// <summary>How a run ended on one target: the row of the run summary for that host.</summary>
public sealed record TargetResult
{
    /// <summary>The inventory name, or <c>local</c>.</summary>
    public required string Target { get; init; }

    /// <summary>The rollout batch (1-based) the target was in; 0 for a local run.</summary>
    public int Batch { get; init; }

    /// <summary>
    /// <see cref="StepStatus.Succeeded"/>, <see cref="StepStatus.Failed"/>, <see cref="StepStatus.Cancelled"/>,
    /// <see cref="StepStatus.Skipped"/> (the rollout halted before the target started) or
    /// <see cref="StepStatus.Planned"/> (dry-run).
    /// </summary>
    public required StepStatus Status { get; init; }

    /// <summary>Why it failed or was skipped; null on success.</summary>
    public string? Error { get; init; }

    /// <summary>The runbook's outputs on this target (secrets masked); empty unless it succeeded.</summary>
    public IReadOnlyDictionary<string, object?> Outputs { get; init; } = new Dictionary<string, object?>();

    /// <summary>When the target's first step started; null when it never started.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When its last step (or <c>finally</c>) ended; null when it never started.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>Time on this target.</summary>
    public TimeSpan Duration => StartedAt is { } s && EndedAt is { } e ? e - s : TimeSpan.Zero;

    /// <summary>Whether the target counts as failed for the rollout's <c>maxErrors</c>.</summary>
    public bool Failed => Status is StepStatus.Failed or StepStatus.TimedOut or StepStatus.Unknown;
}

/// <summary>A target's result with its step results.</summary>
internal sealed record TargetRun(TargetResult Result, StepResult[] Steps);
