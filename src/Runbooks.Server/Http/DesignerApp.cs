using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.FileProviders;

namespace Runbooks.Server.Http;

/// <summary>
/// The designer (the React app built into <c>wwwroot/</c>) at <c>/</c>, without a key: the app signs in with one itself.
/// Its hashed files under <c>/assets</c> are cached for a year; <c>index.html</c> is revalidated on every load, so a new
/// server version is picked up at once. Any other GET that names no file (<c>/runbooks/restart-nginx</c>) answers
/// <c>index.html</c>, so deep links work. The API's own paths never reach it: an unknown <c>/api/…</c> route stays a
/// problem+json 404. These routes are middleware, not endpoints, so the OpenAPI document does not list them.
/// </summary>
internal static class DesignerApp
{
    /// <summary>Paths that belong to the API side of the server, never to the app.</summary>
    private static readonly PathString[] Reserved = ["/api", "/hangfire", "/metrics", "/healthz", "/readyz", "/openapi"];

    /// <summary>
    /// Only this server: React Flow positions nodes through inline style attributes, hence <c>'unsafe-inline'</c> for
    /// styles; scripts never run inline.
    /// </summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; " +
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    public static string NotBuilt(string root) =>
        $"The Runbooks designer is not part of this build of the server (there is no index.html in {root}).\n" +
        "It is built by `dotnet build` when Node.js and npm are installed (Debian: apt-get install nodejs npm) and the build was not run with -p:RunbooksDesigner=false.\n" +
        "The API works without it: /api/v1 (described at /openapi/v1.json).\n";

    /// <summary>Serves the designer from <paramref name="root"/> for every path the API does not own.</summary>
    public static void Use(WebApplication app, string root)
    {
        ArgumentNullException.ThrowIfNull(app);
        var built = File.Exists(Path.Combine(root, "index.html"));
        app.UseWhen(http => !Reserved.Any(prefix => http.Request.Path.StartsWithSegments(prefix, StringComparison.OrdinalIgnoreCase)), branch =>
        {
            branch.Use(async (http, next) =>
            {
                SecurityHeaders(http.Response.Headers);
                await next(http).ConfigureAwait(false);
            });
            if (!built)
            {
                branch.Run(http => NotBuiltAsync(http, root));
                return;
            }
            branch.Use(async (http, next) =>
            {
                if (!IsPage(http.Request))
                {
                    await next(http).ConfigureAwait(false);
                    return;
                }
                // Served as index.html; the request log still names the path that was asked for.
                var asked = http.Request.Path;
                http.Request.Path = "/index.html";
                try
                {
                    await next(http).ConfigureAwait(false);
                }
                finally
                {
                    http.Request.Path = asked;
                }
            });
            branch.UseStaticFiles(new StaticFileOptions
            {
                FileProvider = new PhysicalFileProvider(Path.GetFullPath(root)),
                OnPrepareResponse = file => file.Context.Response.Headers.CacheControl =
                    file.Context.Request.Path.StartsWithSegments("/assets", StringComparison.Ordinal) ? "public, max-age=31536000, immutable" : "no-cache",
            });
            // A file that is not there (an old asset hash, a typo): 404, written as a problem by the status code pages.
            branch.Run(http =>
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            });
        });
    }

    /// <summary>A GET or HEAD of a page of the app: a path whose last segment names no file, outside <c>/assets</c>.</summary>
    private static bool IsPage(HttpRequest request)
    {
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method))
        {
            return false;
        }
        var path = request.Path.Value ?? "/";
        return !request.Path.StartsWithSegments("/assets", StringComparison.Ordinal) && !path[(path.LastIndexOf('/') + 1)..].Contains('.', StringComparison.Ordinal);
    }

    private static void SecurityHeaders(IHeaderDictionary headers)
    {
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
    }

    private static async Task NotBuiltAsync(HttpContext http, string root)
    {
        http.Response.StatusCode = StatusCodes.Status404NotFound;
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method))
        {
            return;
        }
        http.Response.ContentType = "text/plain; charset=utf-8";
        http.Response.Headers.CacheControl = "no-cache";
        await http.Response.WriteAsync(NotBuilt(root), http.RequestAborted).ConfigureAwait(false);
    }
}
