using System.Globalization;
using System.Text.RegularExpressions;
using Runbooks.Core.Diagnostics;
using Runbooks.Core.Shapes;

namespace Runbooks.Core.Validation;

/// <summary>
/// Checks and converts plain data against a <see cref="ValueShape"/>: at validation time for literal inputs, and
/// again after templates render, so an action always receives what its descriptor promises (defaults applied,
/// <c>"5"</c> from a template turned into the int 5, durations checked).
/// </summary>
internal static class InputValues
{
    /// <summary>Converts a value; returns what is wrong (with its rule code and key path) or null.</summary>
    public static InputError? Coerce(ValueShape shape, object? value, string path, out object? result)
    {
        result = value;
        if (value is null)
        {
            return null;
        }
        switch (shape.Kind)
        {
            case ValueKind.Any:
                return null;
            case ValueKind.String or ValueKind.Secret:
                if (value is IEnumerable<object?> or IReadOnlyDictionary<string, object?>)
                {
                    return Wrong(shape, value, path);
                }
                var text = value as string ?? Text(value);
                result = text;
                if (shape.Allowed is { } allowed && !allowed.Contains(text, StringComparer.Ordinal))
                {
                    return new InputError(RuleCodes.NotAllowed, path, Messages.NotAllowed(text, allowed));
                }
                if (shape.Pattern is { } pattern && !Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
                {
                    return new InputError(RuleCodes.NotAllowed, path, Messages.PatternMismatch(text, shape));
                }
                return null;
            case ValueKind.Int:
                result = value switch
                {
                    long l => l,
                    int i => (long)i,
                    double d when d % 1 == 0 => (long)d,
                    string s when long.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => l,
                    _ => null,
                };
                return result is null ? Wrong(shape, value, path) : Range(shape, (long)result, path);
            case ValueKind.Number:
                result = value switch
                {
                    long or int or double => value,
                    string s when double.TryParse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
                    _ => null,
                };
                return result is null ? Wrong(shape, value, path) : Range(shape, Convert.ToDouble(result, CultureInfo.InvariantCulture), path);
            case ValueKind.Bool:
                result = value switch
                {
                    bool b => b,
                    "true" or "True" => true,
                    "false" or "False" => false,
                    _ => null,
                };
                return result is null ? Wrong(shape, value, path) : null;
            case ValueKind.Duration:
                var duration = value as string ?? Text(value);
                return DurationParser.TryParse(duration, out _) ? null : new InputError(RuleCodes.BadDuration, path, Messages.BadDuration(duration));
            case ValueKind.List:
                if (value is string or not IEnumerable<object?>)
                {
                    if (shape.ScalarAsList && value is not IReadOnlyDictionary<string, object?>)
                    {
                        value = new List<object?> { value };
                    }
                    else
                    {
                        return Wrong(shape, value, path);
                    }
                }
                var items = new List<object?>();
                var index = 0;
                foreach (var item in (IEnumerable<object?>)value)
                {
                    var converted = item;
                    if (shape.Items is { } itemShape && Coerce(itemShape, item, $"{path}[{index}]", out converted) is { } error)
                    {
                        return error;
                    }
                    items.Add(converted);
                    index++;
                }
                result = items;
                return null;
            case ValueKind.Map:
                if (value is not IReadOnlyDictionary<string, object?> map)
                {
                    return Wrong(shape, value, path);
                }
                if (shape.Values is null or { Kind: ValueKind.Any })
                {
                    return null; // nothing to convert: rendered data is never changed afterwards, so no copy
                }
                var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
                foreach (var (key, item) in map)
                {
                    var converted = item;
                    if (shape.Values is { } valueShape && Coerce(valueShape, item, $"{path}.{key}", out converted) is { } error)
                    {
                        return error;
                    }
                    copy[key] = converted;
                }
                result = copy;
                return null;
            case ValueKind.Object:
                if (value is not IReadOnlyDictionary<string, object?> obj)
                {
                    return Wrong(shape, value, path);
                }
                var problem = CoerceObject(shape, obj, path, out result);
                return problem is null ? null : new InputError(RuleCodes.WrongType, "", problem);
            default:
                return null;
        }
    }

    /// <summary>Checks an object's keys (unknown, missing, exactly-one-of) and converts each value, applying defaults.</summary>
    public static string? CoerceObject(ValueShape shape, IReadOnlyDictionary<string, object?> values, string path, out object? result)
    {
        // Allocated only when something is wrong: this runs for every step attempt.
        List<string>? errors = null;
        var output = new Dictionary<string, object?>(shape.Fields.Count, StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            if (shape.Field(key) is not { } field)
            {
                (errors ??= []).Add($"{Join(path, key)}: {Messages.UnknownKey(key, [.. shape.Fields.Select(f => f.Name)])}");
                continue;
            }
            if (Coerce(field.Shape, value, path.Length == 0 ? key : $"{path}.{key}", out var converted) is { } error)
            {
                (errors ??= []).Add(error.ToString());
            }
            output[key] = converted;
        }
        foreach (var field in shape.Fields)
        {
            if (!output.TryGetValue(field.Name, out var present) || present is null)
            {
                if (field.Required)
                {
                    (errors ??= []).Add($"{Join(path, field.Name)}: {Messages.MissingKey(field.Name)}");
                }
                else if (field.Shape.Default is { } fallback)
                {
                    output[field.Name] = fallback;
                }
            }
        }
        foreach (var group in shape.ExactlyOneOf)
        {
            var present = group.Where(k => values.TryGetValue(k, out var v) && v is not null).ToList();
            if (present.Count != 1)
            {
                (errors ??= []).Add($"{(path.Length == 0 ? "with" : path)}: {Messages.ExactlyOne(present.Count == 0 ? group : present, present.Count)}");
            }
        }
        result = output;
        return errors is null ? null : string.Join("; ", errors);
    }

    private static InputError? Range(ValueShape shape, double value, string path) =>
        (shape.Minimum is { } min && value < min) || (shape.Maximum is { } max && value > max)
            ? new InputError(RuleCodes.OutOfRange, path, Messages.OutOfRange(Text(value), shape.Minimum, shape.Maximum))
            : null;

    private static InputError Wrong(ValueShape shape, object? value, string path) =>
        new(RuleCodes.WrongType, path, Messages.WrongType(shape, Describe(value)));

    internal static string Describe(object? value) => value switch
    {
        null => "null",
        string s => $"a string ('{(s.Length > 40 ? s[..40] + "…" : s)}')",
        bool => "a bool",
        long or int => "an int",
        double => "a number",
        IReadOnlyDictionary<string, object?> => "a map",
        IEnumerable<object?> => "a list",
        _ => "a value",
    };

    private static string Text(object? value) => value switch
    {
        bool b => b ? "true" : "false",
        _ => Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";
}
