using Runbooks.Core.Diagnostics;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Runbooks.Core.Yaml;

/// <summary>
/// Reads one YAML document into a <see cref="YamlNode"/> tree from the parser's event stream, enforcing
/// <see cref="YamlLimits"/>: aliases are counted as the copies they stand for (billion-laughs safe), depth is
/// bounded, only the core schema's tags are accepted (a tag never instantiates a type), duplicate keys and
/// non-string keys are errors. Problems are reported as diagnostics; a syntax error stops reading.
/// </summary>
internal sealed class SafeYamlReader
{
    private static readonly HashSet<string> CoreTags = new(StringComparer.Ordinal)
    {
        "tag:yaml.org,2002:str", "tag:yaml.org,2002:int", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:float",
        "tag:yaml.org,2002:null", "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map", "!",
    };

    private readonly string _file;
    private readonly string _text;
    private string[]? _lines;
    private readonly YamlLimits _limits;
    private readonly DiagnosticBag _diagnostics;
    private readonly Dictionary<string, (YamlNode Node, int Size)> _anchors = new(StringComparer.Ordinal);
    private int _nodes;
    private int _aliases;

    private SafeYamlReader(string text, string file, YamlLimits limits, DiagnosticBag diagnostics)
    {
        _text = text;
        _file = file;
        _limits = limits;
        _diagnostics = diagnostics;
    }

    /// <summary>Reads the document; null when it cannot be read at all (the reason is in the diagnostics).</summary>
    public static YamlNode? Read(string text, string file, YamlLimits limits, DiagnosticBag diagnostics)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(text) > limits.MaxBytes)
        {
            diagnostics.Add(RuleCodes.YamlLimit, new SourceSpan(file, 1, 1), "",
                $"the file is larger than {limits.MaxBytes} bytes; split it into sub-runbooks");
            return null;
        }
        var reader = new SafeYamlReader(text, file, limits, diagnostics);
        try
        {
            return reader.ReadStream(new Parser(new StringReader(text)));
        }
        catch (YamlException ex)
        {
            diagnostics.Add(RuleCodes.YamlSyntax, new SourceSpan(file, (int)ex.Start.Line, (int)ex.Start.Column), "",
                $"YAML syntax error: {ex.Message.Trim()}");
            return null;
        }
        catch (LimitExceededException ex)
        {
            diagnostics.Add(RuleCodes.YamlLimit, ex.Span, "", ex.Message);
            return null;
        }
    }

    private YamlNode? ReadStream(IParser parser)
    {
        parser.Consume<StreamStart>();
        if (parser.TryConsume<StreamEnd>(out var end))
        {
            _diagnostics.Add(RuleCodes.YamlDocument, Span(end.Start), "", "the file is empty; a runbook needs at least name and steps");
            return null;
        }
        parser.Consume<DocumentStart>();
        var root = ReadNode(parser, 0);
        parser.Consume<DocumentEnd>();
        if (parser.Accept<DocumentStart>(out var second))
        {
            _diagnostics.Add(RuleCodes.YamlDocument, Span(second.Start), "",
                "the file holds more than one YAML document; put one runbook per file");
        }
        return root;
    }

    private YamlNode ReadNode(IParser parser, int depth)
    {
        if (depth > _limits.MaxDepth)
        {
            throw new LimitExceededException(Span(parser.Current!.Start),
                $"the document nests deeper than {_limits.MaxDepth} levels");
        }
        if (parser.TryConsume<AnchorAlias>(out var alias))
        {
            return ReadAlias(alias);
        }
        var start = _nodes;
        var evt = parser.Current!;
        CheckTag(evt);
        YamlNode node;
        AnchorName anchor;
        switch (evt)
        {
            case Scalar scalar:
                parser.MoveNext();
                node = Scalar(scalar);
                anchor = scalar.Anchor;
                Count(node.Span, 1);
                break;
            case SequenceStart sequence:
                parser.MoveNext();
                Count(Span(sequence.Start), 1);
                var items = new List<YamlNode>();
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    items.Add(ReadNode(parser, depth + 1));
                }
                node = new YamlSequenceNode(Span(sequence.Start), items);
                anchor = sequence.Anchor;
                break;
            case MappingStart mapping:
                parser.MoveNext();
                Count(Span(mapping.Start), 1);
                node = ReadMapping(parser, Span(mapping.Start), depth);
                anchor = mapping.Anchor;
                break;
            default:
                throw new YamlException(evt.Start, evt.End, $"unexpected {evt.GetType().Name}");
        }
        if (!anchor.IsEmpty)
        {
            _anchors[anchor.Value] = (node, _nodes - start);
        }
        return node;
    }

    private YamlMappingNode ReadMapping(IParser parser, SourceSpan span, int depth)
    {
        var entries = new List<KeyValuePair<YamlScalarNode, YamlNode>>();
        var seen = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            var keyNode = ReadNode(parser, depth + 1);
            var value = ReadNode(parser, depth + 1);
            if (keyNode is not YamlScalarNode key)
            {
                _diagnostics.Add(RuleCodes.YamlKey, keyNode.Span, "", $"a key must be a string, not {keyNode.KindName}");
                continue;
            }
            if (key.Text == "<<" && key.IsPlain)
            {
                _diagnostics.Add(RuleCodes.YamlKey, key.Span, "",
                    "merge keys (<<) are not supported: write the keys out, or share steps through a sub-runbook");
                continue;
            }
            if (seen.TryGetValue(key.Text, out var first))
            {
                _diagnostics.Add(RuleCodes.YamlDuplicateKey, key.Span, "",
                    $"duplicate key '{key.Text}' (first written at line {first.Line}); each key may appear once");
                continue;
            }
            seen[key.Text] = key.Span;
            entries.Add(new(key, value));
        }
        return new YamlMappingNode(span, entries);
    }

    private YamlNode ReadAlias(AnchorAlias alias)
    {
        var span = Span(alias.Start);
        if (++_aliases > _limits.MaxAliases)
        {
            throw new LimitExceededException(span, $"the document uses more than {_limits.MaxAliases} aliases");
        }
        if (!_anchors.TryGetValue(alias.Value.Value, out var target))
        {
            throw new YamlException(alias.Start, alias.End, $"alias *{alias.Value.Value} refers to no anchor defined before it");
        }
        // The alias stands for a full copy of its anchor: count it so, or a few lines could expand to billions.
        Count(span, target.Size);
        return target.Node;
    }

    private void Count(SourceSpan span, int size)
    {
        _nodes += size;
        if (_nodes > _limits.MaxNodes)
        {
            throw new LimitExceededException(span,
                $"the document expands to more than {_limits.MaxNodes} nodes (aliases count as copies); this looks like an alias bomb");
        }
    }

    private void CheckTag(ParsingEvent evt)
    {
        var tag = evt switch
        {
            NodeEvent node => node.Tag,
            _ => TagName.Empty,
        };
        if (!tag.IsEmpty && !tag.IsNonSpecific && !CoreTags.Contains(tag.Value))
        {
            var written = tag.Value.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal) ? "!!" + tag.Value["tag:yaml.org,2002:".Length..] : tag.Value;
            _diagnostics.Add(RuleCodes.YamlTag, Span(evt.Start), "",
                $"YAML tag '{written}' is not allowed; runbooks are plain data (allowed tags: !!str, !!int, !!float, !!bool, !!null, !!seq, !!map)");
        }
    }

    private SourceSpan Span(Mark mark) => new(_file, (int)mark.Line, (int)mark.Column);

    private static readonly HashSet<string> TypedTags = new(StringComparer.Ordinal)
    {
        "tag:yaml.org,2002:int", "tag:yaml.org,2002:float", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null",
    };

    private YamlScalarNode Scalar(Scalar scalar)
    {
        // Typed like a plain scalar when plain and untagged, or when tagged !!int, !!float, !!bool or !!null.
        var tag = scalar.Tag.IsEmpty || scalar.Tag.IsNonSpecific ? null : scalar.Tag.Value;
        var typed = (scalar.Style == ScalarStyle.Plain && scalar.Tag.IsEmpty) || (tag is not null && TypedTags.Contains(tag));
        var quoted = scalar.Style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted;
        if (tag == "tag:yaml.org,2002:float" && CoreSchema.Resolve(scalar.Value) is long whole)
        {
            // !!float 1 is the number 1.0, not the int 1.
            return new YamlScalarNode(Span(scalar.Start), whole.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".0", typed, quoted);
        }
        if (scalar.Style is not (ScalarStyle.Literal or ScalarStyle.Folded))
        {
            return new YamlScalarNode(Span(scalar.Start), scalar.Value, typed, quoted);
        }
        // A block scalar's text starts on the line after its indicator, indented: positions inside it (template
        // errors) are reported against those lines.
        _lines ??= _text.Split('\n');
        var contentLine = (int)scalar.Start.Line + 1;
        var indent = 0;
        for (var line = contentLine - 1; line < _lines.Length; line++)
        {
            var text = _lines[line].TrimEnd('\r');
            if (text.Trim().Length > 0)
            {
                indent = text.Length - text.TrimStart(' ').Length;
                break;
            }
        }
        return new YamlScalarNode(Span(scalar.Start), scalar.Value, typed, quoted)
        {
            ContentStart = new SourceSpan(_file, contentLine, indent + 1),
            BlockIndent = indent,
        };
    }

    private sealed class LimitExceededException(SourceSpan span, string message) : Exception(message)
    {
        public SourceSpan Span { get; } = span;
    }
}
