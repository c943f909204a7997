namespace Runbooks.Storage;

/// <summary>One attempt of one step on one target, as recorded: its intent first, its outcome when it ended.</summary>
public sealed record StoredAttempt
{
    /// <summary>The step's unique path in the run (<c>restart</c>, <c>each[2]/verify</c>).</summary>
    public required string StepPath { get; init; }

    /// <summary>The step's id as written.</summary>
    public required string StepId { get; init; }

    /// <summary>The target it ran on.</summary>
    public required string Target { get; init; }

    /// <summary>1-based attempt number.</summary>
    public required int Attempt { get; init; }

    /// <summary>The action (or control-flow kind).</summary>
    public required string Action { get; init; }

    /// <summary>Whether a repeat is harmless.</summary>
    public required bool Idempotent { get; init; }

    /// <summary>What it was about to do, masked.</summary>
    public string? Description { get; init; }

    /// <summary>The fencing token its outcome had to present.</summary>
    public required long FencingToken { get; init; }

    /// <summary><c>running</c> until an outcome is recorded; then <c>succeeded</c>, <c>failed</c>, <c>timedOut</c>, <c>unknown</c> …</summary>
    public required string Status { get; init; }

    /// <summary>When it started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When it ended, or null.</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>The command's exit code, if one ran.</summary>
    public int? ExitCode { get; init; }

    /// <summary>Standard output, bounded, truncation marked.</summary>
    public string? Stdout { get; init; }

    /// <summary>Standard error, bounded likewise.</summary>
    public string? Stderr { get; init; }

    /// <summary>Why it failed.</summary>
    public string? Error { get; init; }

    /// <summary>Its outputs, masked.</summary>
    public IReadOnlyDictionary<string, object?> Outputs { get; init; } = new Dictionary<string, object?>();

    /// <summary>Whether it changed the target.</summary>
    public bool Changed { get; init; }
}
