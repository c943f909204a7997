using Runbooks.Core.Journal;

namespace Runbooks.Storage;

/// <summary>A run as a worker (or <c>runbooks runs resume</c>) needs it to continue: what, which version, with what, so far.</summary>
public sealed record ResumableRun
{
    /// <summary>The run.</summary>
    public required string RunId { get; init; }

    /// <summary>Its status now (<c>queued</c>, <c>running</c>, <c>suspended</c>, <c>inDoubt</c>, or an end state).</summary>
    public required string Status { get; init; }

    /// <summary>Why it is in that status (in doubt, suspended), if said.</summary>
    public string? StatusReason { get; init; }

    /// <summary>The runbook's name.</summary>
    public required string Runbook { get; init; }

    /// <summary>The version that ran.</summary>
    public required string ContentHash { get; init; }

    /// <summary>The text of that version, or null for runs recorded before versions were kept.</summary>
    public string? RunbookSource { get; init; }

    /// <summary>The file it was read from (sub-runbook paths resolve from here).</summary>
    public string? RunbookPath { get; init; }

    /// <summary>What started it.</summary>
    public required string Trigger { get; init; }

    /// <summary>When it started or was queued.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>Whether it is a dry-run.</summary>
    public bool DryRun { get; init; }

    /// <summary>Parameters as recorded (secret parameters masked: they must be given again).</summary>
    public required IReadOnlyDictionary<string, object?> Parameters { get; init; }

    /// <summary>The resolved hosts (empty: not resolved yet, or a local run).</summary>
    public required IReadOnlyList<string> Targets { get; init; }

    /// <summary>The <c>alert</c> template variable of an alert-triggered run, or null.</summary>
    public IReadOnlyDictionary<string, object?>? Alert { get; init; }

    /// <summary>What it did so far.</summary>
    public required RunHistory History { get; init; }

    /// <summary>Whether the run can be continued at all (it has not ended).</summary>
    public bool IsResumable => Status is "queued" or "running" or "suspended" or "inDoubt";
}
