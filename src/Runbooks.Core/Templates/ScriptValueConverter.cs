using System.Collections;
using System.Globalization;
using System.Numerics;
using Scriban.Runtime;

namespace Runbooks.Core.Templates;

/// <summary>
/// Converts between the scope's plain data and Scriban values. Into a render, maps and lists are copied into
/// read-only <see cref="StrictScriptObject"/>s and <see cref="ScriptArray"/>s, so a template never sees a .NET object
/// (no reflection, no member renaming: <c>exitCode</c> stays <c>exitCode</c>) and cannot change the scope.
/// Out of a render, Scriban values become plain data again.
/// </summary>
internal static class ScriptValueConverter
{
    // A value built by a template can share sub-objects (o = {a: o, b: o}) or contain itself; both bounds stop an
    // exponential or endless copy.
    private const int MaxDepth = 64;

    /// <summary>
    /// Converts a scope value; of a map whose <paramref name="needs"/> are not whole, only the members the template
    /// can reach (missing-member errors still list all of them).
    /// </summary>
    public static object? ToScript(object? value, string path, ScopeNeeds needs)
    {
        if (needs.Whole || value is not IReadOnlyDictionary<string, object?> map)
        {
            return ToScript(value, path);
        }
        var result = new StrictScriptObject(path, needs.Children.Count, map.Keys);
        foreach (var (key, childNeeds) in needs.Children)
        {
            if (map.TryGetValue(key, out var item))
            {
                result.SetValue(key, ToScript(item, path + "." + key, childNeeds), readOnly: true);
            }
        }
        result.IsReadOnly = true;
        return result;
    }

    public static object? ToScript(object? value, string path) => value switch
    {
        null or bool or string or long or int or double or TimeSpan => value,
        short or byte or sbyte or ushort or uint => Convert.ToInt64(value, CultureInfo.InvariantCulture),
        float f => (double)f,
        decimal d => (double)d,
        DateTimeOffset dto => dto.ToString("O", CultureInfo.InvariantCulture),
        DateTime dt => dt.ToString("O", CultureInfo.InvariantCulture),
        Enum e => e.ToString(),
        IReadOnlyDictionary<string, object?> map => ToScriptObject(map, path),
        IReadOnlyList<object?> list => ToScriptArray(list, path),
        IEnumerable sequence => ToScriptArray(sequence.Cast<object?>().ToList(), path),
        _ => throw new TemplateException(
            $"`{path}` holds a {value.GetType().Name}, which templates cannot read: only null, booleans, numbers, strings, lists and maps reach a template.",
            0,
            0),
    };

    private static StrictScriptObject ToScriptObject(IReadOnlyDictionary<string, object?> map, string path)
    {
        var result = new StrictScriptObject(path, map.Count, allKeys: null);
        foreach (var (key, item) in map)
        {
            result.SetValue(key, ToScript(item, path + "." + key), readOnly: true);
        }
        result.IsReadOnly = true;
        return result;
    }

    private static ScriptArray ToScriptArray(IReadOnlyList<object?> list, string path)
    {
        var result = new ScriptArray(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            result.Add(ToScript(list[i], path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]"));
        }
        result.IsReadOnly = true;
        return result;
    }

    /// <summary>Converts a render's result back to plain data; <paramref name="budget"/> caps the values copied.</summary>
    public static object? FromScript(object? value, ref int budget, int depth = 0)
    {
        if (--budget < 0 || depth > MaxDepth)
        {
            throw new TemplateException(
                $"The template's result is too large or nests deeper than {MaxDepth} levels (does a value contain itself?). Return a smaller value.",
                0,
                0);
        }
        switch (value)
        {
            case null or bool or string or long or double or TimeSpan:
                return value;
            case int or short or byte or sbyte or ushort or uint:
                return Convert.ToInt64(value, CultureInfo.InvariantCulture);
            case ulong u:
                return u <= long.MaxValue ? (long)u : (double)u;
            case float f:
                return (double)f;
            case decimal d:
                return (double)d;
            case BigInteger big:
                return big >= long.MinValue && big <= long.MaxValue ? (long)big : (double)big;
            case DateTime dt:
                return dt.ToString("O", CultureInfo.InvariantCulture);
            case DateTimeOffset dto:
                return dto.ToString("O", CultureInfo.InvariantCulture);
            case IDictionary<string, object?> map:
                var dictionary = new Dictionary<string, object?>(map.Count, StringComparer.Ordinal);
                foreach (var (key, item) in map)
                {
                    dictionary[key] = FromScript(item, ref budget, depth + 1);
                }
                return dictionary;
            case IEnumerable sequence:
                var list = new List<object?>();
                foreach (var item in sequence)
                {
                    list.Add(FromScript(item, ref budget, depth + 1));
                }
                return list;
            default:
                return Convert.ToString(value, CultureInfo.InvariantCulture);
        }
    }
}
