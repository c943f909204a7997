using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;

namespace Runbooks.Server.Http;

/// <summary>
/// Turns what escapes an endpoint into problem+json: a request the server could not read (bad JSON, too large) keeps its
/// status and says what was wrong; anything else is a 500 with a reference to the log line, never the exception itself.
/// </summary>
internal sealed class ApiExceptionHandler(Serilog.ILogger log) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is BadHttpRequestException bad)
        {
            var detail = bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? "the request body is larger than Runbooks:Server:MaxRequestBodyBytes allows"
                : bad.InnerException is System.Text.Json.JsonException json ? $"the body is not the JSON this route takes: {json.Message}" : bad.Message;
            await Problems.WriteAsync(httpContext, bad.StatusCode, Problems.Title(bad.StatusCode), detail).ConfigureAwait(false);
            return true;
        }
        var reference = httpContext.TraceIdentifier;
        log.Error(exception, "Request {Method} {Path} failed (reference {Reference})", httpContext.Request.Method, httpContext.Request.Path, reference);
        await Problems.WriteAsync(httpContext, StatusCodes.Status500InternalServerError, "Internal Server Error",
            $"the server could not complete the request; the server log has the details under reference {reference}").ConfigureAwait(false);
        return true;
    }
}
