using System.Globalization;

namespace Runbooks.Core.Alerts;

/// <summary>
/// One alert as Runbooks received it (Alertmanager, or a JSON webhook mapped to labels). Its values come from outside
/// and are untrusted: they are data for templates (<c>alert.*</c>), never templates themselves.
/// </summary>
public sealed record IncomingAlert
{
    /// <summary>Firing or resolved.</summary>
    public required AlertStatus Status { get; init; }

    /// <summary>The labels, sorted by name; they identify the alert (see <see cref="Fingerprint"/>).</summary>
    public required IReadOnlyDictionary<string, string> Labels { get; init; }

    /// <summary>The annotations (summary, description, runbook_url …).</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new SortedDictionary<string, string>(StringComparer.Ordinal);

    /// <summary>When the alert started firing; with the fingerprint it identifies one firing (deduplication).</summary>
    public required DateTimeOffset StartsAt { get; init; }

    /// <summary>When it ended (resolved alerts), or null.</summary>
    public DateTimeOffset? EndsAt { get; init; }

    /// <summary>The link to the source of the alert (a Prometheus graph), or null.</summary>
    public string? GeneratorUrl { get; init; }

    /// <summary>The alert's identity: the source's own (Alertmanager's), or <see cref="AlertFingerprint.Compute"/> of the labels.</summary>
    public required string Fingerprint { get; init; }

    /// <summary>The Alertmanager receiver or webhook name the notification came through, or null.</summary>
    public string? Receiver { get; init; }

    /// <summary><c>alertmanager</c> or <c>webhook</c>.</summary>
    public required string Source { get; init; }

    /// <summary>The alert's <c>alertname</c> label, or "".</summary>
    public string Name => Labels.TryGetValue("alertname", out var name) ? name : "";

    /// <summary>The value of a label; "" when the alert does not have it (as Prometheus matchers see it).</summary>
    public string Label(string name) => Labels.TryGetValue(name, out var value) ? value : "";

    /// <summary>The <c>alert</c> template variable: plain data, see <see cref="AlertFields"/>.</summary>
    public IReadOnlyDictionary<string, object?> ToTemplateData() => new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["status"] = Status == AlertStatus.Firing ? "firing" : "resolved",
        ["labels"] = Labels.ToDictionary(l => l.Key, l => (object?)l.Value, StringComparer.Ordinal),
        ["annotations"] = Annotations.ToDictionary(a => a.Key, a => (object?)a.Value, StringComparer.Ordinal),
        ["startsAt"] = Instant(StartsAt),
        ["endsAt"] = EndsAt is { } ends ? Instant(ends) : null,
        ["generatorURL"] = GeneratorUrl,
        ["fingerprint"] = Fingerprint,
        ["receiver"] = Receiver,
        ["source"] = Source,
    };

    /// <summary>An instant as the journal and templates show it: UTC, microseconds, e.g. <c>2026-01-07T03:00:00.000000Z</c>.</summary>
    public static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);
}
