using System.Text.Json.Serialization;

namespace Runbooks.Testing.Alertmanager;

/// <summary>The <c>status</c> of an alert in <c>GET /api/v2/alerts</c>.</summary>
public sealed record AlertmanagerAlertStatus
{
    /// <summary><c>unprocessed</c>, <c>active</c> or <c>suppressed</c>.</summary>
    [JsonPropertyName("state")]
    public string State { get; init; } = "";

    /// <summary>The silences that suppress it.</summary>
    [JsonPropertyName("silencedBy")]
    public IReadOnlyList<string> SilencedBy { get; init; } = [];

    /// <summary>The alerts that inhibit it.</summary>
    [JsonPropertyName("inhibitedBy")]
    public IReadOnlyList<string> InhibitedBy { get; init; } = [];
}
