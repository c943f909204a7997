using Runbooks.Core.Diagnostics;

namespace Runbooks.Core.Model;

/// <summary>Runs a step (its action, or its block of <c>steps</c>) once per item of a list.</summary>
public sealed record ForEachDefinition
{
    /// <summary>The list: a literal list or a template that yields one.</summary>
    public required TemplateValue Items { get; init; }

    /// <summary>The name each item takes in templates. Default <c>item</c>; <c>index</c> holds its 0-based position.</summary>
    public string As { get; init; } = "item";

    /// <summary>How many items run at once. Default 1 (one after another).</summary>
    public int Concurrency { get; init; } = 1;

    /// <summary>Where it is declared.</summary>
    public SourceSpan Span { get; init; }
}
