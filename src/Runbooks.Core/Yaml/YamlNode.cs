using Runbooks.Core.Diagnostics;

namespace Runbooks.Core.Yaml;

/// <summary>
/// A node of a runbook document with its position. Runbooks are read into this small tree — never into .NET
/// types chosen by the document — so that a YAML tag can never instantiate anything.
/// </summary>
internal abstract class YamlNode(SourceSpan span)
{
    /// <summary>Where the node starts.</summary>
    public SourceSpan Span { get; } = span;

    /// <summary>The kind of node, as messages name it.</summary>
    public abstract string KindName { get; }
}

/// <summary>A scalar; <see cref="Value"/> is typed by the YAML 1.2 core schema for plain scalars.</summary>
internal sealed class YamlScalarNode(SourceSpan span, string text, bool isPlain, bool isQuoted = false) : YamlNode(span)
{
    /// <summary>True for a single- or double-quoted scalar (its text starts one column after the quote).</summary>
    public bool IsQuoted { get; } = isQuoted;

    /// <summary>For a block scalar (<c>|</c> or <c>&gt;</c>): where its text starts (the line after the indicator).</summary>
    public SourceSpan? ContentStart { get; init; }

    /// <summary>For a block scalar: the indentation of its lines; 0 otherwise.</summary>
    public int BlockIndent { get; init; }

    /// <summary>The scalar's text as written (without quotes).</summary>
    public string Text { get; } = text;

    /// <summary>True for an unquoted scalar.</summary>
    public bool IsPlain { get; } = isPlain;

    /// <summary>null, bool, long, double or string.</summary>
    public object? Value { get; } = isPlain ? CoreSchema.Resolve(text) : text;

    /// <inheritdoc />
    public override string KindName => Value switch
    {
        null => "null",
        bool => "a bool",
        long => "an int",
        double => "a number",
        _ => "a string",
    };
}

/// <summary>A sequence.</summary>
internal sealed class YamlSequenceNode(SourceSpan span, IReadOnlyList<YamlNode> items) : YamlNode(span)
{
    /// <summary>The items.</summary>
    public IReadOnlyList<YamlNode> Items { get; } = items;

    /// <inheritdoc />
    public override string KindName => "a list";
}

/// <summary>A mapping; keys are strings (anything else is reported while reading).</summary>
internal sealed class YamlMappingNode(SourceSpan span, IReadOnlyList<KeyValuePair<YamlScalarNode, YamlNode>> entries) : YamlNode(span)
{
    /// <summary>The entries, in the order written.</summary>
    public IReadOnlyList<KeyValuePair<YamlScalarNode, YamlNode>> Entries { get; } = entries;

    /// <inheritdoc />
    public override string KindName => "a map";

    /// <summary>The value of a key, or null.</summary>
    public YamlNode? Get(string key)
    {
        foreach (var entry in Entries)
        {
            if (string.Equals(entry.Key.Text, key, StringComparison.Ordinal))
            {
                return entry.Value;
            }
        }
        return null;
    }

    /// <summary>The key node of a key, or null.</summary>
    public YamlScalarNode? KeyNode(string key) =>
        Entries.FirstOrDefault(e => string.Equals(e.Key.Text, key, StringComparison.Ordinal)).Key;
}
