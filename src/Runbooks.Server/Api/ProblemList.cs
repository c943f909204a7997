using Runbooks.Core.Diagnostics;

namespace Runbooks.Server.Api;

/// <summary>Validation problems as the API shows them: file (relative to workflows/), line, column, key path, rule and message.</summary>
internal static class ProblemList
{
    public static IReadOnlyList<object> Of(IEnumerable<Diagnostic> diagnostics, Func<string, string> relative) =>
        [.. diagnostics.Select(d => new
        {
            file = d.Span.File.Length == 0 ? d.Span.File : relative(d.Span.File),
            line = d.Span.Line,
            column = d.Span.Column,
            path = d.Path,
            code = d.Code,
            message = d.Message,
        })];
}
