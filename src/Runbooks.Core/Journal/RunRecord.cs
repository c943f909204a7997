namespace Runbooks.Core.Journal;

/// <summary>A run as it starts: what ran, which version, why, with what (secrets masked), where.</summary>
public sealed record RunRecord
{
    /// <summary>The run's id.</summary>
    public required string RunId { get; init; }

    /// <summary>The parent run for a sub-runbook, or null.</summary>
    public string? ParentRunId { get; init; }

    /// <summary>The runbook's name.</summary>
    public required string Runbook { get; init; }

    /// <summary>SHA-256 of the runbook file that ran.</summary>
    public required string ContentHash { get; init; }

    /// <summary>What started it, e.g. <c>cli:alice</c>, <c>schedule:nightly</c>, <c>alert:NginxDown</c>.</summary>
    public required string Trigger { get; init; }

    /// <summary>The runbook file's text (that exact version), stored once per content hash; null when not known.</summary>
    public string? RunbookSource { get; init; }

    /// <summary>The file the runbook was read from.</summary>
    public string? RunbookPath { get; init; }

    /// <summary>Parameters after defaults, secrets masked.</summary>
    public required IReadOnlyDictionary<string, object?> Parameters { get; init; }

    /// <summary>The resolved target names.</summary>
    public required IReadOnlyList<string> Targets { get; init; }

    /// <summary>Whether it is a dry-run (nothing acts).</summary>
    public bool DryRun { get; init; }

    /// <summary>When it started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>For an alert-triggered run: the <c>alert</c> template variable, kept with the queued run so any worker sees it; else null.</summary>
    public IReadOnlyDictionary<string, object?>? Alert { get; init; }
}
