using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Runbooks.Server.Auth;
using Runbooks.Server.Http;
using Runbooks.Storage.Keys;

namespace Runbooks.Server.Api;

/// <summary><c>/api/v1/keys</c> (admin): list, create (the key's text is in that one answer only) and revoke API keys.</summary>
internal static class KeysEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/keys").WithTags("keys").RequireRole(ApiRole.Admin);
        group.MapGet("/", async (ServerContext server, CancellationToken token) => TypedResults.Ok(await server.Store.Keys.ListAsync(token).ConfigureAwait(false)));
        group.MapPost("/", Create);
        group.MapDelete("/{nameOrId}", Revoke);
    }

    private static async Task<IResult> Create(CreateKeyBody body, HttpContext context, ServerContext server, CancellationToken cancellationToken)
    {
        if (ApiKeyStore.ParseRole(body.Role ?? "") is not { } role)
        {
            return Problems.BadRequest($"role '{body.Role}' is not a role; allowed: viewer, operator, approver, admin");
        }
        try
        {
            var (key, text) = await server.Store.Keys.CreateAsync(body.Name ?? "", role, "api:" + RunbooksEndpoints.Who(context), server.Time.GetUtcNow(), cancellationToken)
                .ConfigureAwait(false);
            server.Log.Information("API key {Name} ({Role}) created by {By}", key.Name, body.Role, RunbooksEndpoints.Who(context));
            return TypedResults.Created($"/api/v1/keys/{key.Id}", new { key.Id, key.Name, role = ApiKeyStore.RoleText(key.Role), key.CreatedAt, key = text });
        }
        catch (Core.RunbooksException ex)
        {
            return Problems.BadRequest(ex.Message);
        }
    }

    private static async Task<IResult> Revoke(string nameOrId, HttpContext context, ServerContext server, CancellationToken cancellationToken)
    {
        if (!await server.Store.Keys.RevokeAsync(nameOrId, server.Time.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            return Problems.NotFound($"there is no key {nameOrId} that is not revoked");
        }
        server.Log.Information("API key {Key} revoked by {By}", nameOrId, RunbooksEndpoints.Who(context));
        return TypedResults.NoContent();
    }
}
