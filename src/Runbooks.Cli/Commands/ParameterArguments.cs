namespace Runbooks.Cli.Commands;

/// <summary>Parses <c>-p key=value</c> pairs; the engine converts each value to its parameter's type.</summary>
internal static class ParameterArguments
{
    public static IReadOnlyDictionary<string, object?> Parse(IEnumerable<string> pairs, out string? error)
    {
        error = null;
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                error = $"-p expects key=value, got '{pair}'";
                return values;
            }
            var key = pair[..equals];
            if (values.ContainsKey(key))
            {
                error = $"parameter '{key}' is given twice";
                return values;
            }
            values[key] = pair[(equals + 1)..];
        }
        return values;
    }
}
