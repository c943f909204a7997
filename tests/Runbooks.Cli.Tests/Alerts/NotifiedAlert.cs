using System.Security.Cryptography;
using System.Text;

namespace Runbooks.Cli.Tests.Alerts;

/// <summary>
/// One alert of an Alertmanager webhook notification (payload version 4), as Alertmanager writes it. Without an explicit
/// fingerprint it gets one from its labels (16 hex digits, like Alertmanager's own).
/// </summary>
internal sealed record NotifiedAlert(IReadOnlyDictionary<string, string> Labels, DateTimeOffset StartsAt)
{
    public string Status { get; init; } = "firing";

    public string? Fingerprint { get; init; }

    /// <summary>This alert resolved now (same labels, so the same fingerprint).</summary>
    public NotifiedAlert Resolved() => this with { Status = "resolved" };

    public string FingerprintOrComputed => Fingerprint ?? Compute(Labels);

    private static string Compute(IReadOnlyDictionary<string, string> labels)
    {
        var text = string.Join("\u00ff", labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => l.Key + "\u00fe" + l.Value));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }
}
