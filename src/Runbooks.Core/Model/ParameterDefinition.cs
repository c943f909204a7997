using System.Text.RegularExpressions;
using Runbooks.Core.Diagnostics;
using Runbooks.Core.Shapes;

namespace Runbooks.Core.Model;

/// <summary>A typed runbook parameter: <c>parameters: { host: { type: string, required: true } }</c>.</summary>
public sealed record ParameterDefinition
{
    /// <summary>The parameter's name, as used in <c>{{ params.name }}</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Its type; <see cref="ValueKind.Secret"/> values are masked everywhere.</summary>
    public required ValueKind Type { get; init; }

    /// <summary>What it means, shown in <c>runbooks run --help</c>-style listings and the designer.</summary>
    public string? Description { get; init; }

    /// <summary>Whether a value must be given (a default satisfies it).</summary>
    public bool Required { get; init; }

    /// <summary>The typed default, or null.</summary>
    public object? Default { get; init; }

    /// <summary>The only values accepted, or null. A constrained parameter is trusted in shell strings.</summary>
    public IReadOnlyList<object?>? Allowed { get; init; }

    /// <summary>A regular expression the whole value must match, or null. Also makes the parameter trusted in shell strings.</summary>
    public Regex? Pattern { get; init; }

    /// <summary>The pattern as the author wrote it, for messages.</summary>
    public string? PatternText { get; init; }

    /// <summary>Where the parameter is declared.</summary>
    public SourceSpan Span { get; init; }

    /// <summary>
    /// Whether the value may be interpolated into a shell string without <c>shell.quote</c>: it is a string constrained
    /// by <c>allowed</c> or <c>pattern</c>, or its type cannot carry shell syntax (int, number, bool, duration).
    /// </summary>
    public bool IsShellSafe =>
        Type is ValueKind.Int or ValueKind.Number or ValueKind.Bool or ValueKind.Duration ||
        // allowed and pattern check a scalar value as a whole; a list or map is never trusted by them.
        (Type is ValueKind.String or ValueKind.Secret && (Allowed is not null || Pattern is not null));
}
