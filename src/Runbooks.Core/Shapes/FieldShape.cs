namespace Runbooks.Core.Shapes;

/// <summary>One key of an object: its name, whether it must be present, and the shape of its value.</summary>
/// <param name="Name">The key as written in YAML (camelCase).</param>
/// <param name="Shape">What its value may be.</param>
/// <param name="Required">Whether the key must be present.</param>
public sealed record FieldShape(string Name, ValueShape Shape, bool Required = false);
