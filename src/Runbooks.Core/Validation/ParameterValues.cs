using System.Globalization;
using System.Text.Json;
using Runbooks.Core.Model;
using Runbooks.Core.Shapes;

namespace Runbooks.Core.Validation;

/// <summary>
/// Converts a parameter value (typed from YAML or an API, or text from the command line) to the parameter's type
/// and checks <c>allowed</c> and <c>pattern</c>. Messages never echo a secret's value.
/// </summary>
internal static class ParameterValues
{
    /// <summary>Returns null and the typed value when it fits, or a message saying what is wrong.</summary>
    public static string? Check(ParameterDefinition parameter, object? value, out object? typed)
    {
        typed = null;
        var shown = parameter.Type == ValueKind.Secret ? "the value" : $"'{Show(value)}'";
        if (value is null)
        {
            return "a value is required";
        }
        typed = Convert(parameter.Type, value);
        if (typed is null)
        {
            return $"expected {Phrase(parameter.Type)}, got {shown}";
        }
        var converted = typed;
        if (parameter.Allowed is { } allowed && !allowed.Any(a => Same(a, converted)))
        {
            return $"{shown} is not allowed; allowed values: {string.Join(", ", allowed.Select(Show))}";
        }
        if (parameter.Pattern is { } pattern && typed is string s && !pattern.IsMatch(s))
        {
            return $"{shown} does not match the pattern {parameter.PatternText ?? pattern.ToString()} (the whole value must match)";
        }
        return null;
    }

    private static object? Convert(ValueKind type, object value)
    {
        var text = value as string;
        switch (type)
        {
            case ValueKind.String or ValueKind.Secret:
                return value switch
                {
                    string s => s,
                    bool b => b ? "true" : "false",
                    long or double => System.Convert.ToString(value, CultureInfo.InvariantCulture),
                    _ => null,
                };
            case ValueKind.Int:
                return value switch
                {
                    long l => l,
                    int i => (long)i,
                    double d when Math.Abs(d % 1) < double.Epsilon && d is >= long.MinValue and <= long.MaxValue => (long)d,
                    _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l) => l,
                    _ => null,
                };
            case ValueKind.Number:
                return value switch
                {
                    long l => l,
                    int i => (long)i,
                    double d => d,
                    _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
                    _ => null,
                };
            case ValueKind.Bool:
                return value switch
                {
                    bool b => b,
                    "true" => true,
                    "false" => false,
                    _ => null,
                };
            case ValueKind.Duration:
                return text is not null && DurationParser.TryParse(text, out _) ? text.Trim() : null;
            case ValueKind.List:
                return value switch
                {
                    IReadOnlyList<object?> list => list,
                    string s when s.TrimStart().StartsWith('[') => FromJson(s) as IReadOnlyList<object?>,
                    // From the command line: services=nginx,php-fpm
                    string s => s.Length == 0 ? [] : s.Split(',', StringSplitOptions.TrimEntries).Cast<object?>().ToList(),
                    _ => null,
                };
            case ValueKind.Map:
                return value switch
                {
                    IReadOnlyDictionary<string, object?> map => map,
                    string s => FromJson(s) as IReadOnlyDictionary<string, object?>,
                    _ => null,
                };
            default:
                return value;
        }
    }

    /// <summary>Reads JSON into plain data; null when it is not JSON.</summary>
    internal static object? FromJson(string text)
    {
        try
        {
            using var doc = JsonDocument.Parse(text, new JsonDocumentOptions { MaxDepth = 64 });
            return FromElement(doc.RootElement);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    internal static object? FromElement(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number when element.TryGetInt64(out var l) => l,
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => element.EnumerateArray().Select(FromElement).ToList(),
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => FromElement(p.Value), StringComparer.Ordinal),
        _ => null,
    };

    private static bool Same(object? allowed, object? value) =>
        string.Equals(Show(allowed), Show(value), StringComparison.Ordinal);

    private static string Show(object? value) => value switch
    {
        null => "null",
        bool b => b ? "true" : "false",
        string s => s,
        IEnumerable<object?> list => "[" + string.Join(", ", list.Select(Show)) + "]",
        _ => System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };

    private static string Phrase(ValueKind kind) => kind switch
    {
        ValueKind.Int => "an int",
        ValueKind.Number => "a number",
        ValueKind.Bool => "true or false",
        ValueKind.Duration => $"a duration ({DurationParser.AllowedForm})",
        ValueKind.List => "a list (JSON [..] or comma-separated)",
        ValueKind.Map => "a map (a JSON object)",
        _ => "a string",
    };
}
