using Runbooks.Core.Diagnostics;

namespace Runbooks.Core.Validation;

/// <summary>Where a template is checked: the steps it may read, the roots it may see, whether it is a shell string.</summary>
internal sealed record TemplateSite(
    IReadOnlySet<string> VisibleSteps,
    IReadOnlySet<string> Roots,
    string? CurrentStep,
    bool IsShellString,
    SourceSpan Span,
    string Path)
{
    /// <summary>Indentation of a block scalar's lines (see <see cref="Model.TemplateText.BlockIndent"/>).</summary>
    public int BlockIndent { get; init; }
}
