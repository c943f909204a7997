using System.Text.RegularExpressions;
using Runbooks.Core.Diagnostics;
using Runbooks.Core.Shapes;
using Runbooks.Core.Yaml;

namespace Runbooks.Core.Validation;

/// <summary>
/// Checks a YAML node against a <see cref="ValueShape"/>: kind, enumeration, pattern, range, durations, unknown and
/// missing keys. Strings containing <c>{{</c> pass where the shape allows templates: they are checked when rendered.
/// Every problem goes to the bag; checking continues past errors so that all are reported.
/// </summary>
internal sealed class YamlShapeChecker(DiagnosticBag diagnostics)
{
    /// <summary>Checks a node; returns false when its kind was wrong (its children were not checked).</summary>
    public bool Check(YamlNode node, ValueShape shape, string path)
    {
        if (node is YamlScalarNode scalar && shape.TemplateAllowed && scalar.Value is string t && IsTemplate(t))
        {
            return true;
        }
        switch (shape.Kind)
        {
            case ValueKind.Any:
                return true;
            case ValueKind.Object:
                if (node is YamlScalarNode { Value: string literal } && shape.LiteralAlternatives.Contains(literal))
                {
                    return true;
                }
                if (node is not YamlMappingNode map)
                {
                    return WrongType(node, shape, path);
                }
                CheckObject(map, shape, path);
                return true;
            case ValueKind.Map:
                if (node is not YamlMappingNode entries)
                {
                    return WrongType(node, shape, path);
                }
                if (shape.Values is { } valueShape)
                {
                    foreach (var entry in entries.Entries)
                    {
                        Check(entry.Value, valueShape, $"{path}.{entry.Key.Text}");
                    }
                }
                return true;
            case ValueKind.List:
                if (node is YamlScalarNode single && shape.ScalarAsList && single.Value is not null)
                {
                    return shape.Items is null || Check(single, shape.Items, $"{path}[0]");
                }
                if (node is not YamlSequenceNode list)
                {
                    return WrongType(node, shape, path);
                }
                if (shape.Items is { } itemShape)
                {
                    for (var i = 0; i < list.Items.Count; i++)
                    {
                        Check(list.Items[i], itemShape, $"{path}[{i}]");
                    }
                }
                return true;
            default:
                return CheckScalar(node, shape, path);
        }
    }

    /// <summary>Checks the keys of a map against an object shape, then each known key's value.</summary>
    public void CheckObject(YamlMappingNode map, ValueShape shape, string path)
    {
        var allowed = shape.Fields.Select(f => f.Name).ToList();
        foreach (var entry in map.Entries)
        {
            var field = shape.Field(entry.Key.Text);
            if (field is null)
            {
                diagnostics.Add(RuleCodes.UnknownKey, entry.Key.Span, Join(path, entry.Key.Text), Messages.UnknownKey(entry.Key.Text, allowed));
                continue;
            }
            if (field.Shape.RecursiveRef is null)
            {
                Check(entry.Value, field.Shape, Join(path, entry.Key.Text));
            }
        }
        foreach (var field in shape.Fields.Where(f => f.Required))
        {
            if (map.Get(field.Name) is null)
            {
                diagnostics.Add(RuleCodes.MissingKey, map.Span, path, Messages.MissingKey(field.Name));
            }
        }
        foreach (var group in shape.ExactlyOneOf)
        {
            var present = group.Where(k => map.Get(k) is not null).ToList();
            if (present.Count != 1)
            {
                diagnostics.Add(RuleCodes.ExactlyOne, map.Span, path, Messages.ExactlyOne(present.Count == 0 ? group : present, present.Count));
            }
        }
    }

    private bool CheckScalar(YamlNode node, ValueShape shape, string path)
    {
        if (node is not YamlScalarNode scalar || scalar.Value is null)
        {
            return WrongType(node, shape, path);
        }
        var value = scalar.Value;
        switch (shape.Kind)
        {
            case ValueKind.String or ValueKind.Secret:
                // Any scalar written where text is expected is that text (version: 1.10 stays "1.10").
                var text = scalar.Text;
                if (shape.Allowed is { } allowed && !allowed.Contains(text, StringComparer.Ordinal))
                {
                    diagnostics.Add(RuleCodes.NotAllowed, scalar.Span, path, Messages.NotAllowed(text, allowed));
                }
                else if (shape.Pattern is { } pattern && !Regex.IsMatch(text, pattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
                {
                    diagnostics.Add(path.EndsWith(".id", StringComparison.Ordinal) || path == "name" ? RuleCodes.BadName : RuleCodes.NotAllowed,
                        scalar.Span, path, Messages.PatternMismatch(text, shape));
                }
                return true;
            case ValueKind.Int:
                if (value is not long l)
                {
                    return WrongType(node, shape, path);
                }
                CheckRange(scalar, l, shape, path);
                return true;
            case ValueKind.Number:
                if (value is not (long or double))
                {
                    return WrongType(node, shape, path);
                }
                CheckRange(scalar, Convert.ToDouble(value, System.Globalization.CultureInfo.InvariantCulture), shape, path);
                return true;
            case ValueKind.Bool:
                return value is bool || WrongType(node, shape, path);
            case ValueKind.Duration:
                if (!DurationParser.TryParse(scalar.Text, out _))
                {
                    diagnostics.Add(RuleCodes.BadDuration, scalar.Span, path, Messages.BadDuration(scalar.Text));
                }
                return true;
            default:
                return true;
        }
    }

    private void CheckRange(YamlScalarNode scalar, double value, ValueShape shape, string path)
    {
        if ((shape.Minimum is { } min && value < min) || (shape.Maximum is { } max && value > max))
        {
            diagnostics.Add(RuleCodes.OutOfRange, scalar.Span, path, Messages.OutOfRange(scalar.Text, shape.Minimum, shape.Maximum));
        }
    }

    private bool WrongType(YamlNode node, ValueShape shape, string path)
    {
        var got = node is YamlScalarNode { Value: string s } ? $"a string ('{Truncate(s)}')" : node.KindName;
        diagnostics.Add(RuleCodes.WrongType, node.Span, path, Messages.WrongType(shape, got));
        return false;
    }

    internal static bool IsTemplate(string text) => text.Contains("{{", StringComparison.Ordinal);

    internal static string Join(string path, string key) => path.Length == 0 ? key : $"{path}.{key}";

    private static string Truncate(string s) => s.Length > 40 ? s[..40] + "…" : s;
}
