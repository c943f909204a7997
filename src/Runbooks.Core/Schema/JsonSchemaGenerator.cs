using System.Text.Json;
using System.Text.Json.Nodes;
using Runbooks.Core.Actions;
using Runbooks.Core.Language;
using Runbooks.Core.Shapes;

namespace Runbooks.Core.Schema;

/// <summary>
/// Writes docs/runbook.schema.json from <see cref="RunbookGrammar"/> and the action descriptors — the same shapes
/// the validator checks against, so the editor schema and the validator cannot drift (a test compares the file with
/// a fresh generation). Point a runbook at it with <c># yaml-language-server: $schema=../docs/runbook.schema.json</c>.
/// </summary>
public static class JsonSchemaGenerator
{
    private const string TemplatePattern = "\\{\\{";
    private const string DurationPattern = "^([0-9]+(\\.[0-9]+)?(ms|s|m|h|d))+$";

    /// <summary>The schema as indented JSON with a trailing newline.</summary>
    public static string Generate(ActionRegistry actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        var step = Shape(RunbookGrammar.Step);
        var perAction = new JsonArray();
        foreach (var action in actions.All)
        {
            var inputs = Shape(action.Descriptor.Inputs);
            inputs["description"] = $"Inputs of {action.Descriptor.Name}: {action.Descriptor.Description}";
            perAction.Add(new JsonObject
            {
                ["if"] = new JsonObject { ["required"] = new JsonArray("action"), ["properties"] = new JsonObject { ["action"] = new JsonObject { ["const"] = action.Descriptor.Name } } },
                ["then"] = new JsonObject { ["properties"] = new JsonObject { ["with"] = inputs } },
            });
        }
        step["properties"]!["action"]!["enum"] = new JsonArray([.. actions.Names.Select(n => (JsonNode)JsonValue.Create(n)!)]);
        step["allOf"] = perAction;
        var root = Shape(RunbookGrammar.Runbook);
        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = "runbook.schema.json",
            ["title"] = "Runbooks runbook",
            ["description"] = RunbookGrammar.Runbook.Description + " Generated from the validator's grammar by `runbooks schema`; do not edit by hand.",
            ["type"] = "object",
            ["properties"] = root["properties"]!.DeepClone(),
            ["required"] = root["required"]!.DeepClone(),
            ["additionalProperties"] = false,
            ["$defs"] = new JsonObject { ["step"] = step, ["trigger"] = Shape(RunbookGrammar.Trigger) },
        };
        return schema.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }

    /// <summary>The JSON Schema of one shape (an action's inputs, say), for <c>runbooks actions --output json</c> and the designer.</summary>
    public static JsonObject ForShape(ValueShape shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        return Shape(shape);
    }

    private static JsonObject Shape(ValueShape shape)
    {
        if (shape.RecursiveRef is { } reference)
        {
            return new JsonObject { ["$ref"] = $"#/$defs/{reference}" };
        }
        var node = shape.Kind switch
        {
            ValueKind.String or ValueKind.Secret => StringShape(shape),
            ValueKind.Int => Numeric("integer", shape),
            ValueKind.Number => Numeric("number", shape),
            ValueKind.Bool => new JsonObject { ["type"] = "boolean" },
            ValueKind.Duration => new JsonObject { ["type"] = "string", ["pattern"] = DurationPattern },
            ValueKind.List => new JsonObject { ["type"] = "array", ["items"] = shape.Items is null ? new JsonObject() : Shape(shape.Items) },
            ValueKind.Map => new JsonObject { ["type"] = "object", ["additionalProperties"] = shape.Values is null ? true : Shape(shape.Values) },
            ValueKind.Object => ObjectShape(shape),
            _ => new JsonObject(),
        };
        if (shape.Kind == ValueKind.List && shape.ScalarAsList && shape.Items is not null)
        {
            node = new JsonObject { ["anyOf"] = new JsonArray(node, Shape(shape.Items)) };
        }
        if (shape.TemplateAllowed && shape.Kind is not (ValueKind.String or ValueKind.Secret or ValueKind.Any))
        {
            node = new JsonObject { ["anyOf"] = new JsonArray(node, new JsonObject { ["type"] = "string", ["pattern"] = TemplatePattern }) };
        }
        if (shape.Kind == ValueKind.Object && shape.LiteralAlternatives.Count > 0)
        {
            node = new JsonObject { ["anyOf"] = new JsonArray(new JsonObject { ["enum"] = new JsonArray([.. shape.LiteralAlternatives.Select(a => (JsonNode)JsonValue.Create(a)!)]) }, node) };
        }
        if (shape.Description.Length > 0)
        {
            node["description"] = shape.Description;
        }
        if (shape.Default is { } fallback)
        {
            node["default"] = ToNode(fallback);
        }
        return node;
    }

    // Defaults are plain data; written without reflection-based serialization (trimming-safe, no resolver needed).
    private static JsonNode? ToNode(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        long l => JsonValue.Create(l),
        int i => JsonValue.Create(i),
        double d => JsonValue.Create(d),
        IEnumerable<object?> list => new JsonArray([.. list.Select(ToNode)]),
        _ => JsonValue.Create(value.ToString()),
    };

    private static JsonObject StringShape(ValueShape shape)
    {
        var node = new JsonObject { ["type"] = "string" };
        if (shape.Allowed is { } allowed)
        {
            node["enum"] = new JsonArray([.. allowed.Select(a => (JsonNode)JsonValue.Create(a)!)]);
        }
        if (shape.Pattern is { } pattern)
        {
            node["pattern"] = pattern;
        }
        return node;
    }

    private static JsonObject Numeric(string type, ValueShape shape)
    {
        var node = new JsonObject { ["type"] = type };
        if (shape.Minimum is { } min) { node["minimum"] = min; }
        if (shape.Maximum is { } max) { node["maximum"] = max; }
        return node;
    }

    private static JsonObject ObjectShape(ValueShape shape)
    {
        var properties = new JsonObject();
        foreach (var field in shape.Fields)
        {
            properties[field.Name] = Shape(field.Shape);
        }
        var node = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = properties,
            ["required"] = new JsonArray([.. shape.Fields.Where(f => f.Required).Select(f => (JsonNode)JsonValue.Create(f.Name)!)]),
            ["additionalProperties"] = false,
        };
        if (shape.ExactlyOneOf.Count > 0)
        {
            node["allOf"] = new JsonArray([.. shape.ExactlyOneOf.Select(group => (JsonNode)new JsonObject
            {
                ["oneOf"] = new JsonArray([.. group.Select(k => (JsonNode)new JsonObject { ["required"] = new JsonArray(k) })]),
            })]);
        }
        return node;
    }
}
