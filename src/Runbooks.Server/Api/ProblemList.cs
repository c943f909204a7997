using Microsoft.AspNetCore.Http;
using Runbooks.Core.Diagnostics;
using Runbooks.Server.Http;

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

    /// <summary>A 422 problem saying <paramref name="detail"/>, with every diagnostic in its <c>problems</c> list.</summary>
    public static IResult Unprocessable(string detail, IEnumerable<Diagnostic> diagnostics, Func<string, string> relative) =>
        Problems.Result(StatusCodes.Status422UnprocessableEntity, detail, new Dictionary<string, object?> { ["problems"] = Of(diagnostics, relative) });
}
