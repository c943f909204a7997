using System.Text.Json.Serialization;

namespace Runbooks.Testing.Alertmanager;

/// <summary>
/// An alert as Alertmanager's API v2 accepts it (<c>POST /api/v2/alerts</c>, a "postable alert"): what Prometheus
/// would send. Alertmanager identifies an alert by its labels (the fingerprint), so posting the same labels again
/// updates that alert; posting them with <see cref="EndsAt"/> now or in the past resolves it.
/// </summary>
public sealed record AlertmanagerAlert
{
    /// <summary>The labels; at least one is required, and <c>alertname</c> is what routes and groups it.</summary>
    [JsonPropertyName("labels")]
    public required IReadOnlyDictionary<string, string> Labels { get; init; }

    /// <summary>The annotations (summary, description…); none by default.</summary>
    [JsonPropertyName("annotations")]
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    /// <summary>When it started firing; null lets Alertmanager use the time it receives the alert.</summary>
    [JsonPropertyName("startsAt")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? StartsAt { get; init; }

    /// <summary>When it ends: null for a firing alert (Alertmanager ends it after its resolve timeout, 5 min), now or past to resolve it.</summary>
    [JsonPropertyName("endsAt")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? EndsAt { get; init; }

    /// <summary>A link back to the source (Prometheus' graph URL); null sends none.</summary>
    [JsonPropertyName("generatorURL")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? GeneratorUrl { get; init; }
}
