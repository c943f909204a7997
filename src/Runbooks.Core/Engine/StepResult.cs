using Runbooks.Core.Journal;

namespace Runbooks.Core.Engine;

/// <summary>How one step ended on one target (the last attempt), everything masked and bounded.</summary>
public sealed record StepResult
{
    /// <summary>Unique path in the run: <c>check</c>, <c>restart[2]</c>, <c>each[1]/verify</c>.</summary>
    public required string Path { get; init; }

    /// <summary>The step id as written.</summary>
    public required string StepId { get; init; }

    /// <summary>The action, or <c>forEach</c>/<c>parallel</c>.</summary>
    public required string Action { get; init; }

    /// <summary>The target.</summary>
    public required string Target { get; init; }

    /// <summary>Final status.</summary>
    public required StepStatus Status { get; init; }

    /// <summary>Attempts made (0 when skipped).</summary>
    public int Attempts { get; init; }

    /// <summary>When the first attempt started, or null.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    /// <summary>When it ended, or null.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>Outputs (secrets masked).</summary>
    public IReadOnlyDictionary<string, object?> Outputs { get; init; } = new Dictionary<string, object?>();

    /// <summary>Exit code of the last command, if any.</summary>
    public int? ExitCode { get; init; }

    /// <summary>Standard output of the last attempt, bounded.</summary>
    public string? Stdout { get; init; }

    /// <summary>Standard error of the last attempt, bounded.</summary>
    public string? Stderr { get; init; }

    /// <summary>Why it failed or was skipped.</summary>
    public string? Error { get; init; }

    /// <summary>Dry-run: what it would do.</summary>
    public string? Plan { get; init; }

    /// <summary>Whether the target was changed.</summary>
    public bool Changed { get; init; }

    /// <summary>True when a resumed run took this result from the journal instead of running the step again.</summary>
    public bool Replayed { get; init; }

    /// <summary>Time from first start to end.</summary>
    public TimeSpan Duration => StartedAt is { } s && EndedAt is { } e ? e - s : TimeSpan.Zero;
}
