using System.Text.Json.Serialization;

namespace Runbooks.Testing.Alertmanager;

/// <summary>An alert Alertmanager holds, as <c>GET /api/v2/alerts</c> returns it (the fields tests look at).</summary>
public sealed record AlertmanagerActiveAlert
{
    /// <summary>Alertmanager's fingerprint of the label set (16 hex digits); the webhook payload carries the same.</summary>
    [JsonPropertyName("fingerprint")]
    public string Fingerprint { get; init; } = "";

    /// <summary>The labels.</summary>
    [JsonPropertyName("labels")]
    public IReadOnlyDictionary<string, string> Labels { get; init; } = new Dictionary<string, string>();

    /// <summary>The annotations.</summary>
    [JsonPropertyName("annotations")]
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    /// <summary>When it started.</summary>
    [JsonPropertyName("startsAt")]
    public DateTimeOffset StartsAt { get; init; }

    /// <summary>When it ends (for a firing alert: when Alertmanager would resolve it if not told again).</summary>
    [JsonPropertyName("endsAt")]
    public DateTimeOffset EndsAt { get; init; }

    /// <summary>The state and why: <c>unprocessed</c>, <c>active</c> or <c>suppressed</c>.</summary>
    [JsonPropertyName("status")]
    public AlertmanagerAlertStatus Status { get; init; } = new();
}
