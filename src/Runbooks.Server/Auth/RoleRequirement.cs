using Microsoft.AspNetCore.Authorization;
using Runbooks.Storage.Keys;

namespace Runbooks.Server.Auth;

/// <summary>A route's minimum role; a key passes with that role or a higher one (<see cref="ApiRole"/>).</summary>
internal sealed class RoleRequirement(ApiRole minimum) : AuthorizationHandler<RoleRequirement>, IAuthorizationRequirement
{
    public ApiRole Minimum { get; } = minimum;

    /// <summary>The policy name of a role: <c>role:operator</c>.</summary>
    public static string Policy(ApiRole role) => "role:" + ApiKeyStore.RoleText(role);

    /// <summary>Whether <paramref name="user"/> holds <paramref name="minimum"/> or more.</summary>
    public static bool Holds(System.Security.Claims.ClaimsPrincipal user, ApiRole minimum) =>
        user.Identity?.IsAuthenticated == true && ApiKeyStore.ParseRole(user.FindFirst(ApiKeyAuthentication.RoleClaim)?.Value ?? "") is { } role && role >= minimum;

    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, RoleRequirement requirement)
    {
        if (Holds(context.User, requirement.Minimum))
        {
            context.Succeed(requirement);
        }
        return Task.CompletedTask;
    }
}
