namespace Runbooks.Core.Templates;

/// <summary>
/// A variable a template reads, e.g. <c>params.host</c> as <c>["params", "host"]</c> or
/// <c>steps.check.outputs.active</c> as <c>["steps", "check", "outputs", "active"]</c>.
/// The path stops at the first segment that is not a plain name (an index or a computed key).
/// </summary>
/// <param name="Path">The member chain from the root variable.</param>
/// <param name="Quoted">True when the value passes through <c>shell.quote</c> before reaching the output.</param>
/// <param name="Line">1-based line inside the template source.</param>
/// <param name="Column">1-based column inside the template source.</param>
public sealed record TemplateReference(IReadOnlyList<string> Path, bool Quoted, int Line, int Column)
{
    /// <summary>The root variable, e.g. <c>params</c>.</summary>
    public string Root => Path[0];

    /// <summary>The dotted path, e.g. <c>params.host</c>.</summary>
    public string Dotted => string.Join('.', Path);
}
