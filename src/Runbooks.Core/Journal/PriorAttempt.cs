namespace Runbooks.Core.Journal;

/// <summary>A step attempt an earlier stretch of a run left in the journal, as a resumed run replays it.</summary>
public sealed record PriorAttempt
{
    /// <summary>The step's path in the run (<c>restart</c>, <c>each[1]/verify</c>).</summary>
    public required string StepPath { get; init; }

    /// <summary>The target it ran on.</summary>
    public required string Target { get; init; }

    /// <summary>1-based attempt number.</summary>
    public required int Attempt { get; init; }

    /// <summary>How it ended, or <see cref="StepStatus.Running"/> when its end was never recorded.</summary>
    public required StepStatus Status { get; init; }

    /// <summary>Whether the step was declared (or defaulted to) idempotent when it started.</summary>
    public required bool Idempotent { get; init; }

    /// <summary>The action, or <c>forEach</c>/<c>parallel</c>.</summary>
    public required string Action { get; init; }

    /// <summary>When it started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When it ended, if it did.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>Outputs (masked).</summary>
    public IReadOnlyDictionary<string, object?> Outputs { get; init; } = new Dictionary<string, object?>();

    /// <summary>Exit code, if a command ran.</summary>
    public int? ExitCode { get; init; }

    /// <summary>Standard output, bounded.</summary>
    public string? Stdout { get; init; }

    /// <summary>Standard error, bounded.</summary>
    public string? Stderr { get; init; }

    /// <summary>Why it failed.</summary>
    public string? Error { get; init; }

    /// <summary>Whether it changed the target.</summary>
    public bool Changed { get; init; }
}
