using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Runbooks.Server.Http;

/// <summary>
/// Error answers: <c>application/problem+json</c> (RFC 9457) with a title and a detail that says what is wrong and what
/// to do. Never a stack trace or an exception type: those go to the server's log only.
/// </summary>
internal static class Problems
{
    public static IResult Result(int status, string detail, IReadOnlyDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: Title(status), extensions: extensions);

    public static IResult BadRequest(string detail) => Result(StatusCodes.Status400BadRequest, detail);

    public static IResult NotFound(string detail) => Result(StatusCodes.Status404NotFound, detail);

    public static IResult Conflict(string detail, IReadOnlyDictionary<string, object?>? extensions = null) => Result(StatusCodes.Status409Conflict, detail, extensions);

    /// <summary>Writes a problem straight to the response (for middleware and authentication, outside endpoint results).</summary>
    public static async Task WriteAsync(HttpContext context, int status, string title, string detail)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/problem+json";
        await context.Response.WriteAsync(JsonSerializer.Serialize(new { type = TypeFor(status), title, status, detail }, ApiJson.Options), context.RequestAborted)
            .ConfigureAwait(false);
    }

    public static string Title(int status) => status switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        409 => "Conflict",
        412 => "Precondition Failed",
        413 => "Content Too Large",
        415 => "Unsupported Media Type",
        422 => "Unprocessable Content",
        428 => "Precondition Required",
        503 => "Service Unavailable",
        _ => status >= 500 ? "Internal Server Error" : "Error",
    };

    private static string TypeFor(int status) => $"https://tools.ietf.org/html/rfc9110#section-15.{(status >= 500 ? 6 : 5)}.{(status >= 500 ? status - 499 : status - 399)}";
}
