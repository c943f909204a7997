using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Runbooks.Server.Http;

namespace Runbooks.Server.Api;

/// <summary>
/// <c>/healthz</c> (the process answers) and <c>/readyz</c> (it can take work: the journal database answers), the only
/// routes without a key, for load balancers and orchestrators. Neither says more than ok or what is down.
/// </summary>
internal static class HealthEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Text("ok\n")).AllowAnonymous().WithTags("health");
        app.MapGet("/readyz", Ready).AllowAnonymous().WithTags("health");
    }

    private static async Task<IResult> Ready(ServerContext server, CancellationToken cancellationToken)
    {
        try
        {
            await server.Store.ListRunsAsync(new Storage.RunQuery { Limit = 1 }, cancellationToken).ConfigureAwait(false);
            return TypedResults.Text("ready\n");
        }
        catch (Exception ex) when (ex is Core.RunbooksException || server.Store.Database.IsUnavailable(ex))
        {
            return Problems.Result(StatusCodes.Status503ServiceUnavailable, $"the {server.Store.Database.Provider} journal does not answer; runs and alerts cannot be accepted now");
        }
    }
}
