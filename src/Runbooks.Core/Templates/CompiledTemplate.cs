namespace Runbooks.Core.Templates;

/// <summary>
/// A template parsed once (per runbook version, through <see cref="ITemplateEngine"/>'s cache) and rendered many
/// times. <see cref="Parsed"/> is the engine's own representation and is opaque to everything else.
/// </summary>
public sealed class CompiledTemplate
{
    /// <summary>Creates a compiled template; only template engines call this.</summary>
    public CompiledTemplate(string source, TemplateKind kind, bool isSingleExpression, IReadOnlyList<TemplateReference> references, object parsed)
    {
        Source = source;
        Kind = kind;
        IsSingleExpression = isSingleExpression;
        References = references;
        Parsed = parsed;
    }

    /// <summary>The source text.</summary>
    public string Source { get; }

    /// <summary>Text or expression.</summary>
    public TemplateKind Kind { get; }

    /// <summary>
    /// True when a text template is exactly one <c>{{ expr }}</c> with nothing around it: it then yields the
    /// expression's typed value (a list stays a list, a number a number) instead of a string.
    /// </summary>
    public bool IsSingleExpression { get; }

    /// <summary>
    /// Names the template defines itself (assignments, loop variables, functions and their parameters, captures).
    /// Values flowing through them are not tracked, so shell strings may not define any.
    /// </summary>
    public IReadOnlySet<string> Locals { get; init; } = new HashSet<string>();

    /// <summary>It has statements beyond text and expressions (<c>if</c>, <c>for</c>, <c>case</c> …).</summary>
    public bool HasControlFlow { get; init; }

    /// <summary>It prints string literals holding shell syntax, or chooses what to print with a conditional.</summary>
    public bool PrintsShellSyntax { get; init; }

    /// <summary>Every variable it reads.</summary>
    public IReadOnlyList<TemplateReference> References { get; }

    /// <summary>The engine's parsed form.</summary>
    public object Parsed { get; }
}
