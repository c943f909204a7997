namespace Runbooks.Core.Shapes;

/// <summary>The spelling of each <see cref="ValueKind"/> in runbooks and messages.</summary>
public static class ValueKindNames
{
    /// <summary>The parameter types a runbook may declare, as written in YAML.</summary>
    public static readonly IReadOnlyList<string> ParameterTypes =
        ["string", "int", "number", "bool", "duration", "list", "map", "secret"];

    /// <summary>The YAML spelling of a kind.</summary>
    public static string Name(ValueKind kind) => kind switch
    {
        ValueKind.String => "string",
        ValueKind.Int => "int",
        ValueKind.Number => "number",
        ValueKind.Bool => "bool",
        ValueKind.Duration => "duration",
        ValueKind.List => "list",
        ValueKind.Map => "map",
        ValueKind.Secret => "secret",
        ValueKind.Object => "object",
        _ => "any",
    };

    /// <summary>Parses a parameter type name; null when it is not one.</summary>
    public static ValueKind? ParseParameterType(string name) => name switch
    {
        "string" => ValueKind.String,
        "int" => ValueKind.Int,
        "number" => ValueKind.Number,
        "bool" => ValueKind.Bool,
        "duration" => ValueKind.Duration,
        "list" => ValueKind.List,
        "map" => ValueKind.Map,
        "secret" => ValueKind.Secret,
        _ => null,
    };
}
