using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Runbooks.Core;
using Runbooks.Core.Diagnostics;
using Runbooks.Core.Engine;
using Runbooks.Core.Model;
using Runbooks.Server.Auth;
using Runbooks.Server.Http;
using Runbooks.Storage.Keys;

namespace Runbooks.Server.Api;

/// <summary>
/// <c>POST /api/v1/runbooks/plan</c>: what <c>runbooks plan</c> prints, as JSON. The runbook is validated (422 with the
/// same problems as validate), then dry-run on this server exactly as the CLI does: parameters bound, targets resolved
/// against the inventory, every step rendered per host in rollout order; nothing connects and nothing acts. Secrets are
/// resolved (a missing one is a 422, as it would be for the run) and masked (<c>***</c>) in every rendered command. The
/// dry-run is recorded in the journal like any other, under the key's name (<c>api:&lt;key&gt;</c>).
/// </summary>
internal static class PlanEndpoints
{
    public static void Map(RouteGroupBuilder api) =>
        api.MapPost("/runbooks/plan", Plan).WithTags("runbooks").RequireRole(ApiRole.Operator);

    private static async Task<IResult> Plan(PlanBody body, HttpContext context, ServerContext server, CancellationToken cancellationToken)
    {
        var given = new[] { body.Yaml is not null, body.Document is not null, body.Name is not null }.Count(g => g);
        if (given != 1)
        {
            return Problems.BadRequest("say which runbook to plan with exactly one of \"yaml\" (the file's text), \"document\" (its JSON model) or \"name\" (a saved runbook)");
        }
        RunbookDefinition runbook;
        if (body.Name is { } name)
        {
            if (server.Folder.Find(name) is not { } file)
            {
                return Problems.NotFound($"there is no runbook named {name}; GET /api/v1/runbooks lists them");
            }
            if (file.Runbook is null)
            {
                return Invalid(server, file.Problems, $"runbook {name} is invalid ({file.Problems.Count} problem(s)); nothing was planned");
            }
            runbook = file.Runbook;
        }
        else
        {
            var yaml = body.Yaml ?? RunbookDocuments.ToYaml(body.Document!);
            // Validated as POST /runbooks/validate does: a runbook file in the runbooks folder (sub-runbooks resolve there).
            var loaded = server.Folder.Validate(yaml, server.Folder.NewFilePath);
            if (!loaded.IsValid)
            {
                return Invalid(server, loaded.Diagnostics, $"the runbook is invalid ({loaded.Diagnostics.Count} problem(s)); nothing was planned");
            }
            runbook = loaded.Runbook!;
        }
        runbook = TargetOverride.Apply(runbook, body.Targets);
        RunResult result;
        try
        {
            result = await server.Setup.Engine.RunAsync(new RunRequest
            {
                Runbook = runbook, Parameters = JsonArguments.ToValues(body.Parameters), DryRun = true, Trigger = "api:" + RunbooksEndpoints.Who(context),
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (RunbookValidationException ex)
        {
            var headline = ex.Diagnostics.All(d => d.Code is RuleCodes.UnknownTarget or RuleCodes.BadSelector)
                ? "the targets do not resolve against the inventory; nothing was planned"
                : "the parameters do not fit the runbook; nothing was planned";
            return Invalid(server, ex.Diagnostics, headline);
        }
        catch (RunbooksException ex)
        {
            return Problems.Result(StatusCodes.Status422UnprocessableEntity, $"{ex.Message}; nothing was planned");
        }
        return TypedResults.Ok(Answer(runbook, result));
    }

    private static object Answer(RunbookDefinition runbook, RunResult result)
    {
        var titles = runbook.AllSteps().Where(s => s.Name is not null).GroupBy(s => s.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Name, StringComparer.Ordinal);
        return new
        {
            runbook = result.Runbook,
            runId = result.RunId,
            rollout = result.Rollout,
            targets = result.Targets.Select(target => new
            {
                target = target.Target,
                batch = target.Batch,
                status = target.Status,
                steps = result.Steps.Where(s => s.Target == target.Target).Select(step => new
                {
                    path = step.Path,
                    id = step.StepId,
                    name = titles.GetValueOrDefault(step.StepId),
                    action = step.Action,
                    status = step.Status,
                    plan = step.Plan,
                    reason = step.Error,
                }),
            }),
        };
    }

    private static IResult Invalid(ServerContext server, IReadOnlyList<Diagnostic> problems, string detail) =>
        ProblemList.Unprocessable(detail, problems, server.Folder.RelativePath);
}
