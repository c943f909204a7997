using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Runbooks.Server.Auth;
using Runbooks.Storage.Keys;

namespace Runbooks.Server.Api;

/// <summary>
/// <c>GET /api/v1/me</c>: who the presented key is and what it may do. The designer signs in with it and shows only
/// what the key's role allows; the server still checks every request on its own.
/// </summary>
internal static class MeEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapGet("/me", Me).WithTags("me").RequireRole(ApiRole.Viewer);

    private static IResult Me(HttpContext context)
    {
        // The role is in the principal since authentication; a viewer route is never reached without one.
        var role = ApiKeyStore.ParseRole(context.User.FindFirst(ApiKeyAuthentication.RoleClaim)?.Value ?? "") ?? ApiRole.Viewer;
        return TypedResults.Ok(new
        {
            name = RunbooksEndpoints.Who(context),
            role = ApiKeyStore.RoleText(role),
            // Each role includes the ones below it (ApiRole), so the list is every role up to the key's own.
            roles = Enum.GetValues<ApiRole>().Where(r => r <= role).Select(ApiKeyStore.RoleText),
        });
    }
}
