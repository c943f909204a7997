namespace Runbooks.Storage;

/// <summary>Which runs <see cref="JournalStore.ListRunsAsync"/> returns: newest first.</summary>
public sealed record RunQuery
{
    /// <summary>At most this many (default 50, at most 1,000).</summary>
    public int Limit { get; init; } = 50;

    /// <summary>Only runs of this runbook, or null for all.</summary>
    public string? Runbook { get; init; }

    /// <summary>Only runs in this status (<c>running</c>, <c>failed</c> …), or null for all.</summary>
    public string? Status { get; init; }

    /// <summary>Include sub-runbook runs (default: only top-level runs).</summary>
    public bool IncludeChildren { get; init; }

    /// <summary>Only runs started by this kind of trigger (<c>alert</c> matches <c>alert:NginxDown</c>) or this exact trigger; null for all.</summary>
    public string? Trigger { get; init; }
}
