using Runbooks.Core.Diagnostics;

namespace Runbooks.Core.Validation;

/// <summary>Where a template is checked: the steps it may read, the roots it may see, whether it is a shell string.</summary>
internal sealed record TemplateSite(
    IReadOnlySet<string> VisibleSteps,
    IReadOnlySet<string> Roots,
    string? CurrentStep,
    bool IsShellString,
    SourceSpan Span,
    string Path);
