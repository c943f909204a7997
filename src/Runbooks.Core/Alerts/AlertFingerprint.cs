using System.Security.Cryptography;
using System.Text;

namespace Runbooks.Core.Alerts;

/// <summary>An alert's identity computed from its labels, for sources that send none (JSON webhooks).</summary>
public static class AlertFingerprint
{
    /// <summary>
    /// 16 lowercase hex digits of SHA-256 over the labels sorted by name: the same labels always give the same
    /// fingerprint, whatever order the source wrote them in. (Alertmanager's own fingerprints are kept as they are.)
    /// </summary>
    public static string Compute(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var text = new StringBuilder();
        foreach (var (name, value) in labels.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            // 0xff never occurs in UTF-8 text: "a"="bc" and "ab"="c" cannot collide.
            text.Append(name).Append('\u00ff').Append(value).Append('\u00fe');
        }
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16];
    }
}
