using System.Text.Json;

namespace Runbooks.Server.Api;

/// <summary>
/// The body of <c>POST /api/v1/runs</c>. <see cref="ClientToken"/> makes the start idempotent: the same token always
/// answers with the same run (a retried request after a timeout starts nothing new); reusing it for another request
/// is a 409 conflict.
/// </summary>
internal sealed record StartRunBody
{
    /// <summary>The runbook's name.</summary>
    public string? Runbook { get; init; }

    /// <summary>Parameter values by name.</summary>
    public Dictionary<string, JsonElement>? Parameters { get; init; }

    /// <summary>
    /// Run on these inventory hosts instead of the runbook's own <c>targets</c> (its rollout strategy is kept); resolved
    /// against the inventory like the runbook's own hosts, so an unknown host is a 422 and nothing is queued.
    /// </summary>
    public List<string>? Targets { get; init; }

    /// <summary>The older name of <see cref="Targets"/>; give one of the two.</summary>
    public List<string>? Hosts { get; init; }

    /// <summary>Plan only: render and describe every step per host, act on nothing.</summary>
    public bool DryRun { get; init; }

    /// <summary>remediation, default (the default) or maintenance.</summary>
    public string? Queue { get; init; }

    /// <summary>A token of the caller's choosing (1–100 characters) that makes the request idempotent.</summary>
    public string? ClientToken { get; init; }
}
