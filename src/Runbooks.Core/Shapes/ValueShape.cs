namespace Runbooks.Core.Shapes;

/// <summary>
/// Describes what a value may be. One description serves the validator (type, enum and unknown-key checks),
/// the generated JSON Schema, <c>runbooks actions</c> and the designer's forms, so the four cannot drift.
/// </summary>
public sealed record ValueShape
{
    /// <summary>The kind of value.</summary>
    public required ValueKind Kind { get; init; }

    /// <summary>What the value means, for docs, the JSON Schema and the designer.</summary>
    public string Description { get; init; } = "";

    /// <summary>The allowed values of a string (an enumeration), or null for any.</summary>
    public IReadOnlyList<string>? Allowed { get; init; }

    /// <summary>The default used when the key is absent, or null.</summary>
    public object? Default { get; init; }

    /// <summary>The shape of each element of a <see cref="ValueKind.List"/>.</summary>
    public ValueShape? Items { get; init; }

    /// <summary>The shape of each value of a <see cref="ValueKind.Map"/>.</summary>
    public ValueShape? Values { get; init; }

    /// <summary>The keys of an <see cref="ValueKind.Object"/>.</summary>
    public IReadOnlyList<FieldShape> Fields { get; init; } = [];

    /// <summary>Groups of keys of which exactly one must be present (e.g. <c>argv</c> or <c>script</c>).</summary>
    public IReadOnlyList<IReadOnlyList<string>> ExactlyOneOf { get; init; } = [];

    /// <summary>Whether a <c>{{ template }}</c> may stand for this value; it is then checked when rendered.</summary>
    public bool TemplateAllowed { get; init; } = true;

    /// <summary>Whether a single scalar is also accepted where a list is expected (e.g. <c>tags: web</c>).</summary>
    public bool ScalarAsList { get; init; }

    /// <summary>A regular expression a string must match (whole), or null.</summary>
    public string? Pattern { get; init; }

    /// <summary>What <see cref="Pattern"/> means, for the error message (e.g. "a count or a percentage such as 10 or 25%").</summary>
    public string? PatternDescription { get; init; }

    /// <summary>Strings accepted in place of an object (e.g. <c>targets: local</c>).</summary>
    public IReadOnlyList<string> LiteralAlternatives { get; init; } = [];

    /// <summary>The shape is recursive: list items are steps (used by the grammar for nested steps).</summary>
    public string? RecursiveRef { get; init; }

    /// <summary>Minimum for numbers and ints, or null.</summary>
    public double? Minimum { get; init; }

    /// <summary>Maximum for numbers and ints, or null.</summary>
    public double? Maximum { get; init; }

    /// <summary>Finds a field of an object shape by name.</summary>
    public FieldShape? Field(string name)
    {
        foreach (var field in Fields)
        {
            if (string.Equals(field.Name, name, StringComparison.Ordinal))
            {
                return field;
            }
        }
        return null;
    }

    /// <summary>A string.</summary>
    public static ValueShape String(string description) => new() { Kind = ValueKind.String, Description = description };

    /// <summary>A string from a fixed set.</summary>
    public static ValueShape Enum(string description, params string[] allowed) =>
        new() { Kind = ValueKind.String, Description = description, Allowed = allowed };

    /// <summary>A whole number.</summary>
    public static ValueShape Int(string description) => new() { Kind = ValueKind.Int, Description = description };

    /// <summary>A number.</summary>
    public static ValueShape Number(string description) => new() { Kind = ValueKind.Number, Description = description };

    /// <summary>A boolean.</summary>
    public static ValueShape Bool(string description) => new() { Kind = ValueKind.Bool, Description = description };

    /// <summary>A duration.</summary>
    public static ValueShape Duration(string description) => new() { Kind = ValueKind.Duration, Description = description };

    /// <summary>A list of values of one shape.</summary>
    public static ValueShape List(string description, ValueShape items) =>
        new() { Kind = ValueKind.List, Description = description, Items = items };

    /// <summary>A map of string keys to values of one shape.</summary>
    public static ValueShape Map(string description, ValueShape values) =>
        new() { Kind = ValueKind.Map, Description = description, Values = values };

    /// <summary>An object with fixed keys.</summary>
    public static ValueShape Object(string description, params FieldShape[] fields) =>
        new() { Kind = ValueKind.Object, Description = description, Fields = fields };

    /// <summary>Any value.</summary>
    public static ValueShape Any(string description) => new() { Kind = ValueKind.Any, Description = description };
}
