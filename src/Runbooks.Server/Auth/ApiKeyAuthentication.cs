using System.Security.Claims;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Runbooks.Server.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Runbooks.Storage.Keys;

namespace Runbooks.Server.Auth;

/// <summary>
/// Authenticates a request by its API key: <c>Authorization: Bearer rbk_…</c>, or HTTP Basic with the key as the password
/// (the user name is ignored) for clients that only speak Basic, such as a browser opening the Hangfire dashboard.
/// Failures answer 401 <c>application/problem+json</c> that says what to send, never why a given key failed.
/// </summary>
internal sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyCache keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string RoleClaim = "runbooks:role";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }
        var presented = Presented(header);
        if (presented is null)
        {
            return AuthenticateResult.Fail("the Authorization header is neither 'Bearer <key>' nor Basic with the key as password");
        }
        var key = await keys.VerifyAsync(presented, Context.RequestAborted).ConfigureAwait(false);
        if (key is null)
        {
            return AuthenticateResult.Fail("unknown or revoked API key");
        }
        var identity = new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, key.Name), new Claim(RoleClaim, ApiKeyStore.RoleText(key.Role)), new Claim("runbooks:key", key.Id)], SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers[HeaderNames.WWWAuthenticate] = new Microsoft.Extensions.Primitives.StringValues(["Bearer", "Basic realm=\"runbooks\", charset=\"UTF-8\""]);
        await Problems.WriteAsync(Context, StatusCodes.Status401Unauthorized, "Unauthorized",
            "this route needs an API key: send 'Authorization: Bearer <key>' (create one with: runbooks keys create --name <who> --role <role>)").ConfigureAwait(false);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        var needed = Context.GetEndpoint()?.Metadata.GetMetadata<RequiredRole>()?.Role;
        var role = Context.User.FindFirst(RoleClaim)?.Value ?? "none";
        await Problems.WriteAsync(Context, StatusCodes.Status403Forbidden, "Forbidden",
            needed is null
                ? $"the key {Context.User.Identity?.Name} (role {role}) may not do this"
                : $"this route needs the {ApiKeyStore.RoleText(needed.Value)} role or higher; the key {Context.User.Identity?.Name} has {role}").ConfigureAwait(false);
    }

    private static string? Presented(string header)
    {
        if (header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return header[7..].Trim();
        }
        if (header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var pair = Encoding.UTF8.GetString(Convert.FromBase64String(header[6..].Trim()));
                var colon = pair.IndexOf(':', StringComparison.Ordinal);
                return colon < 0 ? null : pair[(colon + 1)..];
            }
            catch (FormatException)
            {
                return null;
            }
        }
        return null;
    }
}
