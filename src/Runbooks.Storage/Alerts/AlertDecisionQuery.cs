using Runbooks.Core.Alerts;

namespace Runbooks.Storage.Alerts;

/// <summary>Which decisions to list (newest first).</summary>
public sealed record AlertDecisionQuery
{
    /// <summary>At most this many (1 to 1000). Default 100.</summary>
    public int Limit { get; init; } = 100;

    /// <summary>Only this kind.</summary>
    public AlertDecisionKind? Kind { get; init; }

    /// <summary>Only about this runbook.</summary>
    public string? Runbook { get; init; }

    /// <summary>Only about this alert.</summary>
    public string? Fingerprint { get; init; }

    /// <summary>Only about this run.</summary>
    public string? RunId { get; init; }

    /// <summary>Only decisions made at or after this instant.</summary>
    public DateTimeOffset? Since { get; init; }
}
