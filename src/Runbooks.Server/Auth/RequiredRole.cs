using Microsoft.AspNetCore.Builder;
using Runbooks.Storage.Keys;

namespace Runbooks.Server.Auth;

/// <summary>Endpoint metadata: the least role a route needs (read by the 403 answer and by the auth matrix test).</summary>
internal sealed record RequiredRole(ApiRole Role);

/// <summary>Puts a role requirement on routes.</summary>
internal static class RequiredRoleExtensions
{
    /// <summary>Requires <paramref name="role"/> or higher for every route of <paramref name="builder"/>.</summary>
    public static TBuilder RequireRole<TBuilder>(this TBuilder builder, ApiRole role) where TBuilder : IEndpointConventionBuilder =>
        builder.RequireAuthorization(RoleRequirement.Policy(role)).WithMetadata(new RequiredRole(role));
}
