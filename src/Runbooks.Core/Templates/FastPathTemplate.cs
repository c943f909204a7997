using System.Globalization;

namespace Runbooks.Core.Templates;

/// <summary>
/// Most runbook templates are text with plain variable paths — <c>http://{{ params.host }}/healthz</c>. Those render
/// here, without building a Scriban context (about 20 KB and several microseconds per render). Anything else, and
/// any value this path does not print exactly as Scriban would (null, numbers with fractions, lists, maps), or a
/// path that does not resolve, falls back to Scriban, which also produces the error messages: results are identical.
/// </summary>
internal sealed class FastPathTemplate
{
    private static readonly HashSet<string> Keywords = new(StringComparer.Ordinal) { "true", "false", "null", "empty", "this", "for", "if", "while", "func", "ret", "end", "else" };

    private readonly (string? Text, string[]? Path)[] _parts;

    private FastPathTemplate((string? Text, string[]? Path)[] parts) => _parts = parts;

    /// <summary>A fast path for a text template, or null when it has anything but text and plain paths.</summary>
    public static FastPathTemplate? ForText(string source)
    {
        if (source.Contains("{{~", StringComparison.Ordinal) || source.Contains("~}}", StringComparison.Ordinal) ||
            source.Contains("{{-", StringComparison.Ordinal) || source.Contains("-}}", StringComparison.Ordinal) ||
            source.Contains("{%", StringComparison.Ordinal))
        {
            return null;
        }
        var parts = new List<(string?, string[]?)>();
        var i = 0;
        while (i < source.Length)
        {
            var open = source.IndexOf("{{", i, StringComparison.Ordinal);
            if (open < 0)
            {
                parts.Add((source[i..], null));
                break;
            }
            if (open > i)
            {
                parts.Add((source[i..open], null));
            }
            var close = source.IndexOf("}}", open + 2, StringComparison.Ordinal);
            if (close < 0 || Path(source[(open + 2)..close]) is not { } path)
            {
                return null;
            }
            parts.Add((null, path));
            i = close + 2;
        }
        return parts.Exists(p => p.Item2 is not null) ? new FastPathTemplate([.. parts]) : null;
    }

    /// <summary>A fast path for a bare expression that is one plain path, or null.</summary>
    public static FastPathTemplate? ForExpression(string expression) =>
        Path(expression) is { } path ? new FastPathTemplate([(null, path)]) : null;

    /// <summary>
    /// Renders when every path resolves to a value printed the same way Scriban prints it; false to fall back.
    /// <paramref name="typed"/> yields the single path's value itself instead of text.
    /// </summary>
    public bool TryEvaluate(TemplateScope scope, bool typed, out object? result)
    {
        result = null;
        if (typed)
        {
            if (_parts.Length != 1 || !TryResolve(scope, _parts[0].Path!, out var value) || value is not (null or string or long or bool or double))
            {
                return false;
            }
            result = value;
            return true;
        }
        var text = new System.Text.StringBuilder();
        foreach (var (literal, path) in _parts)
        {
            if (literal is not null)
            {
                text.Append(literal);
                continue;
            }
            if (!TryResolve(scope, path!, out var value))
            {
                return false;
            }
            switch (value)
            {
                case string s:
                    text.Append(s);
                    break;
                case long l:
                    text.Append(l.ToString(CultureInfo.InvariantCulture));
                    break;
                case bool b:
                    text.Append(b ? "true" : "false");
                    break;
                default:
                    return false;
            }
        }
        result = text.ToString();
        return true;
    }

    private static bool TryResolve(TemplateScope scope, string[] path, out object? value)
    {
        if (!scope.Roots.TryGetValue(path[0], out value))
        {
            return false;
        }
        for (var i = 1; i < path.Length; i++)
        {
            if (value is not IReadOnlyDictionary<string, object?> map || !map.TryGetValue(path[i], out value))
            {
                return false;
            }
        }
        return true;
    }

    private static string[]? Path(string inner)
    {
        var segments = inner.Trim().Split('.');
        foreach (var segment in segments)
        {
            if (segment.Length == 0 || !(char.IsAsciiLetter(segment[0]) || segment[0] == '_') ||
                segment.AsSpan(1).ContainsAnyExcept(IdentifierChars))
            {
                return null;
            }
        }
        return Keywords.Contains(segments[0]) || SandboxBuiltins.Names.Contains(segments[0]) ? null : segments;
    }

    private static readonly System.Buffers.SearchValues<char> IdentifierChars =
        System.Buffers.SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_");
}
