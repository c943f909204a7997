namespace Runbooks.Storage;

/// <summary>A run as the journal holds it: what ran, why, where, and how it stands or ended.</summary>
public sealed record StoredRun
{
    /// <summary>The run's id.</summary>
    public required string RunId { get; init; }

    /// <summary>The calling run for a sub-runbook, or null.</summary>
    public string? ParentRunId { get; init; }

    /// <summary>The runbook's name.</summary>
    public required string Runbook { get; init; }

    /// <summary>SHA-256 of the exact runbook file that ran.</summary>
    public required string ContentHash { get; init; }

    /// <summary>Who or what started it (<c>cli:alice</c>, <c>schedule:nightly</c>, <c>alert:NginxDown</c>).</summary>
    public required string Trigger { get; init; }

    /// <summary>Parameters after defaults, secrets masked.</summary>
    public required IReadOnlyDictionary<string, object?> Parameters { get; init; }

    /// <summary>The resolved targets.</summary>
    public required IReadOnlyList<string> Targets { get; init; }

    /// <summary>Whether it was a dry-run.</summary>
    public bool DryRun { get; init; }

    /// <summary><c>running</c>, <c>succeeded</c>, <c>failed</c>, <c>cancelled</c> …</summary>
    public required string Status { get; init; }

    /// <summary>When it started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When it ended, or null while it runs (or when its worker died before recording the end).</summary>
    public DateTimeOffset? EndedAt { get; init; }

    /// <summary>Why it failed, or null.</summary>
    public string? Error { get; init; }

    /// <summary>The runbook's outputs (masked).</summary>
    public IReadOnlyDictionary<string, object?> Outputs { get; init; } = new Dictionary<string, object?>();

    /// <summary>Why it is in doubt, suspended or handed back; null otherwise.</summary>
    public string? StatusReason { get; init; }

    /// <summary>The worker (or CLI process) that owns it now; null when nobody does.</summary>
    public string? Owner { get; init; }

    /// <summary>For a suspended run: when it is looked at again (a gate's timeout, a window's start).</summary>
    public DateTimeOffset? WakeAt { get; init; }
}
