using Scriban;

namespace Runbooks.Core.Templates;

/// <summary>What <see cref="ScribanTemplateEngine"/> keeps in <see cref="CompiledTemplate.Parsed"/>.</summary>
/// <param name="Template">The parsed template: rendered to text, or (when <paramref name="Typed"/>) evaluated for its value.</param>
/// <param name="Typed">True for expressions and single-expression text templates, which yield a typed value.</param>
/// <param name="Needs">The parts of the scope the template can reach: only these are converted for a render.</param>
/// <param name="Fast">A Scriban-free renderer when the template is only text and plain paths; null otherwise.</param>
internal sealed record ScribanParsedTemplate(Template Template, bool Typed, ScopeNeeds Needs, FastPathTemplate? Fast = null);
