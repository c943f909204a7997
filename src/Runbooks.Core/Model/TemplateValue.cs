using Runbooks.Core.Diagnostics;

namespace Runbooks.Core.Model;

/// <summary>
/// A value written in a runbook (an action input, an output, a parameter passed to a sub-runbook):
/// a literal, a <c>{{ template }}</c>, or a list or map of them. Templates render when the step runs;
/// literals never do, and nothing computed at run time is ever rendered as a template again.
/// </summary>
public abstract record TemplateValue(SourceSpan Span, string Path)
{
    /// <summary>Every template in this value, nested ones included, in document order.</summary>
    public IEnumerable<TemplateText> Templates() => this switch
    {
        TemplateText text => [text],
        ListValue list => list.Items.SelectMany(item => item.Templates()),
        MapValue map => map.Entries.SelectMany(entry => entry.Value.Templates()),
        _ => [],
    };
}

/// <summary>A literal: null, bool, long, double or string, exactly as written.</summary>
public sealed record LiteralValue(object? Value, SourceSpan Span, string Path) : TemplateValue(Span, Path);

/// <summary>Text with at least one <c>{{ }}</c>; rendered when the step runs.</summary>
/// <param name="Text">The template source.</param>
/// <param name="Span">Where it starts in the file.</param>
/// <param name="Path">Its key path.</param>
public sealed record TemplateText(string Text, SourceSpan Span, string Path) : TemplateValue(Span, Path)
{
    /// <summary>For a block scalar (<c>|</c>): the indentation of its lines, so positions inside map to the file.</summary>
    public int BlockIndent { get; init; }
}

/// <summary>A list of values.</summary>
public sealed record ListValue(IReadOnlyList<TemplateValue> Items, SourceSpan Span, string Path) : TemplateValue(Span, Path);

/// <summary>A map of values, in the order written.</summary>
public sealed record MapValue(IReadOnlyList<KeyValuePair<string, TemplateValue>> Entries, SourceSpan Span, string Path)
    : TemplateValue(Span, Path)
{
    /// <summary>Where each key is written, when the map comes from a file.</summary>
    public IReadOnlyDictionary<string, SourceSpan>? KeySpans { get; init; }

    /// <summary>Where a key is written, else where its value is.</summary>
    public SourceSpan KeySpan(string key, TemplateValue value) =>
        KeySpans is not null && KeySpans.TryGetValue(key, out var span) ? span : value.Span;

    /// <summary>The value of a key, or null when absent.</summary>
    public TemplateValue? Get(string key)
    {
        foreach (var entry in Entries)
        {
            if (string.Equals(entry.Key, key, StringComparison.Ordinal))
            {
                return entry.Value;
            }
        }
        return null;
    }
}
