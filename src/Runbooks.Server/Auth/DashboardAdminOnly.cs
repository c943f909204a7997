using Hangfire.Dashboard;

namespace Runbooks.Server.Auth;

/// <summary>
/// The Hangfire dashboard at <c>/hangfire</c> opens for admin keys only (a browser sends one as Basic auth's password).
/// Hangfire's default (local requests only) is replaced: behind a proxy every request looks local, and no forwarded
/// header is ever trusted to say who is calling.
/// </summary>
internal sealed class DashboardAdminOnly : IDashboardAuthorizationFilter
{
    public bool Authorize(DashboardContext context) =>
        RoleRequirement.Holds(context.GetHttpContext().User, Storage.Keys.ApiRole.Admin);
}
