using System.Globalization;

namespace Runbooks.Actions.Audit;

/// <summary>
/// How <c>audit.check</c> compares rendered values. Numbers compare as numbers whatever their form (<c>22</c>,
/// <c>22.0</c>, <c>"22"</c> from a command's output); bools match <c>true</c>/<c>false</c> in any case; other strings
/// compare exactly; lists by element in order; maps by key. Anything else is a mismatch the runbook must fix, not a
/// finding: comparing <c>"yes"</c> with <c>true</c> says nothing about the host.
/// </summary>
internal static class AuditValues
{
    /// <summary>The outcome of comparing two values for equality.</summary>
    public enum Equality
    {
        Equal,
        NotEqual,
        Mismatch,
    }

    public static Equality Compare(object? left, object? right)
    {
        if (left is null || right is null)
        {
            return left is null && right is null ? Equality.Equal : Equality.NotEqual;
        }
        if (IsNumber(left) || IsNumber(right))
        {
            return TryNumber(left, out var a) && TryNumber(right, out var b) ? Of(a == b) : Equality.Mismatch;
        }
        if (left is bool || right is bool)
        {
            return TryBool(left, out var a) && TryBool(right, out var b) ? Of(a == b) : Equality.Mismatch;
        }
        return (left, right) switch
        {
            (string a, string b) => Of(string.Equals(a, b, StringComparison.Ordinal)),
            (IReadOnlyDictionary<string, object?> a, IReadOnlyDictionary<string, object?> b) => Of(
                a.Count == b.Count && a.All(kv => b.TryGetValue(kv.Key, out var other) && Compare(kv.Value, other) == Equality.Equal)),
            (IReadOnlyDictionary<string, object?>, _) or (_, IReadOnlyDictionary<string, object?>) => Equality.Mismatch,
            (IEnumerable<object?> a, IEnumerable<object?> b) =>
                Of(a.Count() == b.Count() && a.Zip(b).All(pair => Compare(pair.First, pair.Second) == Equality.Equal)),
            _ => Equality.Mismatch,
        };
    }

    /// <summary>A number, or a string holding one (invariant culture).</summary>
    public static bool TryNumber(object? value, out double number)
    {
        switch (value)
        {
            case long l:
                number = l;
                return true;
            case int i:
                number = i;
                return true;
            case double d:
                number = d;
                return true;
            case string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed):
                number = parsed;
                return true;
            default:
                number = 0;
                return false;
        }
    }

    /// <summary>Whether the value is a string, number or bool (what <c>matches</c> and <c>contains</c> read as text).</summary>
    public static bool IsScalar(object? value) => value is string or bool || IsNumber(value);

    /// <summary>The value as text, for messages and reports: strings as they are, lists as <c>[a, b]</c>, maps as <c>{k: v}</c>.</summary>
    public static string Show(object? value) => value switch
    {
        null => "null",
        string s => s,
        bool b => b ? "true" : "false",
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IReadOnlyDictionary<string, object?> map => "{" + string.Join(", ", map.Select(kv => $"{kv.Key}: {Show(kv.Value)}")) + "}",
        IEnumerable<object?> items => "[" + string.Join(", ", items.Select(Show)) + "]",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    /// <summary>What a value is, for type errors: <c>a string ('yes')</c>, <c>an int</c>, <c>a list</c>.</summary>
    public static string Describe(object? value) => value switch
    {
        null => "null",
        string s => $"a string ('{(s.Length > 40 ? s[..40] + "…" : s)}')",
        bool b => $"a bool ({(b ? "true" : "false")})",
        long or int => $"an int ({Show(value)})",
        double => $"a number ({Show(value)})",
        IReadOnlyDictionary<string, object?> => "a map",
        IEnumerable<object?> => "a list",
        _ => "a value",
    };

    private static bool IsNumber(object? value) => value is long or int or double;

    private static bool TryBool(object? value, out bool result)
    {
        switch (value)
        {
            case bool b:
                result = b;
                return true;
            case string s when bool.TryParse(s.Trim(), out var parsed):
                result = parsed;
                return true;
            default:
                result = false;
                return false;
        }
    }

    private static Equality Of(bool equal) => equal ? Equality.Equal : Equality.NotEqual;
}
