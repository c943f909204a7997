namespace Runbooks.Core.Secrets;

/// <summary>
/// Replaces every known secret value with <c>***</c>. One masker per run; the engine registers secret parameters
/// and resolved <c>secrets.*</c> values before any step runs, and every output, log property, error and journal
/// entry passes through it.
/// </summary>
public sealed class SecretMasker
{
    /// <summary>What a secret is replaced with.</summary>
    public const string Mask = "***";

    private readonly Lock _gate = new();
    private string[] _secrets = [];

    /// <summary>Whether any secret is registered.</summary>
    public bool IsEmpty => _secrets.Length == 0;

    /// <summary>
    /// Registers a secret value. Empty values are ignored: they would mask everything. Each line of a multi-line
    /// secret (a PEM key) is registered too, because command output is logged line by line as it arrives.
    /// </summary>
    public void Add(string? secret)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return;
        }
        if (secret.Contains('\n', StringComparison.Ordinal))
        {
            foreach (var line in secret.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                AddOne(line);
            }
        }
        AddOne(secret);
    }

    private void AddOne(string secret)
    {
        lock (_gate)
        {
            if (Array.IndexOf(_secrets, secret) >= 0)
            {
                return;
            }
            // Longest first, so that a secret containing another is masked whole.
            _secrets = [.. _secrets.Append(secret).OrderByDescending(s => s.Length)];
        }
    }

    /// <summary>Masks every registered secret in a string.</summary>
    public string Apply(string text)
    {
        var secrets = _secrets;
        if (secrets.Length == 0 || string.IsNullOrEmpty(text))
        {
            return text;
        }
        foreach (var secret in secrets)
        {
            if (text.Contains(secret, StringComparison.Ordinal))
            {
                text = text.Replace(secret, Mask, StringComparison.Ordinal);
            }
        }
        return MaskCutTail(text, secrets);
    }

    // Output is bounded before it is masked: a secret cut by the bound would show its first part. When text ends at
    // a truncation marker, a tail of the kept text that begins a secret is masked too.
    private static string MaskCutTail(string text, string[] secrets)
    {
        var marker = text.IndexOf("\n…[truncated ", StringComparison.Ordinal);
        if (marker < 0)
        {
            return text;
        }
        var kept = text[..marker];
        foreach (var secret in secrets)
        {
            for (var length = Math.Min(secret.Length - 1, kept.Length); length > 0; length--)
            {
                if (kept.EndsWith(secret[..length], StringComparison.Ordinal))
                {
                    return kept[..^length] + Mask + text[marker..];
                }
            }
        }
        return text;
    }

    /// <summary>Masks strings anywhere inside plain data (lists and maps are copied).</summary>
    public object? ApplyToValue(object? value)
    {
        if (_secrets.Length == 0)
        {
            return value;
        }
        return value switch
        {
            string s => Apply(s),
            // A numeric secret (a PIN) turned into a number by a template is still the secret.
            long or int or double when Apply(Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "") is var text &&
                text != Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) => Mask,
            IReadOnlyDictionary<string, object?> map => map.ToDictionary(kv => kv.Key, kv => ApplyToValue(kv.Value), StringComparer.Ordinal),
            IReadOnlyList<object?> list => list.Select(ApplyToValue).ToList(),
            _ => value,
        };
    }

    /// <summary>Masks the values of a map of plain data.</summary>
    public IReadOnlyDictionary<string, object?> ApplyToMap(IReadOnlyDictionary<string, object?> map) =>
        _secrets.Length == 0 ? map : map.ToDictionary(kv => kv.Key, kv => ApplyToValue(kv.Value), StringComparer.Ordinal);
}
