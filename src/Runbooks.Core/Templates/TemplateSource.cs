using Scriban.Syntax;

namespace Runbooks.Core.Templates;

/// <summary>
/// Source-text helpers for compiling. Rewrites blank characters out rather than cutting them, so that lines and
/// columns reported by Scriban stay those of the text the author wrote.
/// </summary>
internal static class TemplateSource
{
    /// <summary>Blanks a single outer <c>{{ … }}</c> around an expression, as authors often write <c>if: "{{ x }}"</c>.</summary>
    public static string StripOuterBraces(string source)
    {
        var start = 0;
        while (start < source.Length && char.IsWhiteSpace(source[start]))
        {
            start++;
        }
        var end = source.Length - 1;
        while (end >= start && char.IsWhiteSpace(source[end]))
        {
            end--;
        }
        if (end - start < 3 || !source.AsSpan(start).StartsWith("{{") || !source.AsSpan(0, end + 1).EndsWith("}}"))
        {
            return source;
        }
        var inner = source.AsSpan(start + 2, end - start - 3);
        if (inner.Contains("{{", StringComparison.Ordinal) || inner.Contains("}}", StringComparison.Ordinal))
        {
            return source;
        }
        var chars = source.ToCharArray();
        chars[start] = chars[start + 1] = chars[end - 1] = chars[end] = ' ';
        return new string(chars);
    }

    /// <summary>
    /// The start and end offsets (inclusive) of the expression when a text template is exactly one <c>{{ expr }}</c>
    /// with only whitespace around it; otherwise null.
    /// </summary>
    public static (int Start, int End)? FindSingleExpression(ScriptPage page, string source)
    {
        ScriptExpressionStatement? found = null;
        foreach (var statement in page.Body?.Statements ?? [])
        {
            switch (statement)
            {
                case ScriptEscapeStatement:
                    continue;
                case ScriptRawStatement raw when IsBlank(source, raw):
                    continue;
                case ScriptExpressionStatement expression when found is null:
                    found = expression;
                    continue;
                default:
                    return null;
            }
        }
        if (found?.Expression is not { } node)
        {
            return null;
        }
        return (node.Span.Start.Offset, node.Span.End.Offset);
    }

    /// <summary>The source with every character outside [start, end] blanked, line breaks kept.</summary>
    public static string KeepOnly(string source, int start, int end)
    {
        var chars = source.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            if ((i < start || i > end) && chars[i] is not ('\n' or '\r'))
            {
                chars[i] = ' ';
            }
        }
        return new string(chars);
    }

    private static bool IsBlank(string source, ScriptRawStatement raw)
    {
        var start = raw.Span.Start.Offset;
        var end = Math.Min(raw.Span.End.Offset, source.Length - 1);
        return start > end || source.AsSpan(start, end - start + 1).IsWhiteSpace();
    }
}
