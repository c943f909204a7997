namespace Runbooks.Core.Journal;

/// <summary>How a step attempt ended (everything masked and bounded).</summary>
public sealed record StepAttemptOutcome
{
    /// <summary>Succeeded, failed, timed out, cancelled or skipped.</summary>
    public required StepStatus Status { get; init; }

    /// <summary>When it ended.</summary>
    public required DateTimeOffset EndedAt { get; init; }

    /// <summary>Outputs, secrets masked.</summary>
    public IReadOnlyDictionary<string, object?> Outputs { get; init; } = new Dictionary<string, object?>();

    /// <summary>Exit code of a command, if one ran.</summary>
    public int? ExitCode { get; init; }

    /// <summary>Standard output, bounded.</summary>
    public string? Stdout { get; init; }

    /// <summary>Standard error, bounded.</summary>
    public string? Stderr { get; init; }

    /// <summary>Why it failed or was skipped.</summary>
    public string? Error { get; init; }

    /// <summary>Whether the target was changed.</summary>
    public bool Changed { get; init; }
}
