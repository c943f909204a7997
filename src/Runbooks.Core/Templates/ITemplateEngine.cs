namespace Runbooks.Core.Templates;

/// <summary>
/// Parses and renders runbook templates in a sandbox: only the plain data in the scope is visible (no .NET
/// members, no file loader, no <c>include</c>, no <c>object.eval</c>), variables are strict (a typo is an error),
/// and every render is bounded by <see cref="TemplateLimits"/>.
/// Values in the scope are data: they are inserted, never parsed as templates.
/// </summary>
public interface ITemplateEngine
{
    /// <summary>Parses (or returns from the cache) a template. Throws <see cref="TemplateException"/> on syntax errors.</summary>
    CompiledTemplate Compile(string source, TemplateKind kind);

    /// <summary>
    /// Renders a text template to a string, or — for a single-expression text template or an expression — to the
    /// expression's value as plain data (null, bool, long, double, string, list, map).
    /// Throws <see cref="TemplateException"/> on an undefined variable, a runtime error or a limit.
    /// </summary>
    object? Evaluate(CompiledTemplate template, TemplateScope scope, CancellationToken cancellationToken);
}
