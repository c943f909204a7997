using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Runbooks.Core.Model;
using Runbooks.Server.Auth;
using Runbooks.Server.Http;
using Runbooks.Storage;
using Runbooks.Storage.Keys;

namespace Runbooks.Server.Api;

/// <summary>
/// <c>/api/v1/runbooks</c>: list, get (YAML or the JSON model), create, update, delete and validate runbooks. Saves
/// write <c>workflows/</c> atomically and are conditional (<c>If-Match: "&lt;content hash&gt;"</c>), so a save on top of
/// a newer version is a 409 conflict, not a silent overwrite; each save is recorded in the journal (version, who, when).
/// </summary>
internal static class RunbooksEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/runbooks").WithTags("runbooks");
        group.MapGet("/", List).RequireRole(ApiRole.Viewer);
        group.MapGet("/{name}", Get).RequireRole(ApiRole.Viewer);
        group.MapGet("/{name}/history", History).RequireRole(ApiRole.Viewer);
        group.MapPost("/validate", Validate).RequireRole(ApiRole.Viewer);
        group.MapPost("/", Create).RequireRole(ApiRole.Operator);
        group.MapPut("/{name}", Update).RequireRole(ApiRole.Operator);
        group.MapDelete("/{name}", Delete).RequireRole(ApiRole.Operator);
    }

    private static async Task<IResult> List(ServerContext server, CancellationToken cancellationToken)
    {
        var files = server.Folder.List();
        var items = new List<object>();
        foreach (var file in files)
        {
            var last = (await server.Store.ListRunsAsync(new RunQuery { Runbook = file.Name, Limit = 1 }, cancellationToken).ConfigureAwait(false)) is [var newest, ..] ? newest : null;
            items.Add(new
            {
                name = file.Name,
                path = server.Folder.RelativePath(file.Path),
                contentHash = file.ContentHash,
                description = file.Runbook?.Description,
                tags = file.Runbook?.Tags ?? [],
                valid = file.Runbook is not null,
                problems = file.Problems.Count,
                triggers = file.Runbook?.Triggers.Select(t => new { id = t.Id, kind = t.Kind, cron = (t as ScheduleTrigger)?.Cron }) ?? [],
                lastRun = last is null ? null : new { runId = last.RunId, status = last.Status, startedAt = last.StartedAt, endedAt = last.EndedAt },
            });
        }
        return TypedResults.Ok(items);
    }

    private static IResult Get(string name, HttpRequest request, HttpResponse response, ServerContext server)
    {
        if (server.Folder.Find(name) is not { } file)
        {
            return Problems.NotFound($"there is no runbook named {name} in {server.Folder.RelativePath(server.Folder.Folder)}; GET /api/v1/runbooks lists them");
        }
        response.Headers.ETag = $"\"{file.ContentHash}\"";
        if (request.Headers.Accept.Any(a => a?.Contains("yaml", StringComparison.OrdinalIgnoreCase) == true))
        {
            return TypedResults.Text(file.Text, "application/yaml; charset=utf-8");
        }
        return TypedResults.Ok(Describe(server, file));
    }

    private static async Task<IResult> History(string name, ServerContext server, CancellationToken cancellationToken) =>
        TypedResults.Ok(await server.Store.Saves.HistoryAsync(name, 100, cancellationToken).ConfigureAwait(false));

    private static async Task<IResult> Validate(HttpRequest request, ServerContext server, string? name)
    {
        var (yaml, problem) = await RequestBodies.ReadRunbookAsync(request).ConfigureAwait(false);
        if (yaml is null)
        {
            return Problems.Result(StatusCodes.Status415UnsupportedMediaType, problem!);
        }
        // ?name= validates the text where that runbook's file is, so its relative sub-runbook paths (workflows/lib/…)
        // resolve as they will when it runs; without it, as a new file at the top of the folder.
        var path = name is not null && server.Folder.Find(name) is { } existing ? existing.Path : server.Folder.NewFilePath;
        var result = server.Folder.Validate(yaml, path);
        return TypedResults.Ok(new
        {
            valid = result.IsValid,
            name = result.Runbook?.Name,
            contentHash = RunbookFolder.Hash(yaml),
            problems = ProblemList.Of(result.Diagnostics, server.Folder.RelativePath),
        });
    }

    private static async Task<IResult> Create(HttpRequest request, HttpContext context, ServerContext server, CancellationToken cancellationToken)
    {
        var (yaml, problem) = await RequestBodies.ReadRunbookAsync(request).ConfigureAwait(false);
        if (yaml is null)
        {
            return Problems.Result(StatusCodes.Status415UnsupportedMediaType, problem!);
        }
        var parsed = server.Folder.Validate(yaml, server.Folder.NewFilePath);
        if (parsed.Runbook is null)
        {
            return Invalid(server, parsed.Diagnostics);
        }
        return await SaveAsync(parsed.Runbook.Name, yaml, null, context, server, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IResult> Update(string name, HttpRequest request, HttpContext context, ServerContext server, CancellationToken cancellationToken)
    {
        if (IfMatch(request) is not { } expected)
        {
            return Problems.Result(StatusCodes.Status428PreconditionRequired,
                $"an update must say which version it replaces: send If-Match: \"<contentHash>\" with the hash GET /api/v1/runbooks/{name} returned (its ETag)");
        }
        var (yaml, problem) = await RequestBodies.ReadRunbookAsync(request).ConfigureAwait(false);
        if (yaml is null)
        {
            return Problems.Result(StatusCodes.Status415UnsupportedMediaType, problem!);
        }
        return await SaveAsync(name, yaml, expected, context, server, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IResult> Delete(string name, HttpRequest request, HttpContext context, ServerContext server, CancellationToken cancellationToken)
    {
        if (IfMatch(request) is not { } expected)
        {
            return Problems.Result(StatusCodes.Status428PreconditionRequired, $"a delete must say which version it removes: send If-Match: \"<contentHash>\" (the ETag of GET /api/v1/runbooks/{name})");
        }
        var outcome = await server.Folder.DeleteAsync(name, expected, cancellationToken).ConfigureAwait(false);
        if (outcome.Kind != SaveResultKind.Saved)
        {
            return Failed(server, outcome);
        }
        await server.Store.Saves.RecordAsync(name, server.Folder.RelativePath(outcome.Path!), null, null, outcome.PreviousHash, Who(context), server.Time.GetUtcNow(), cancellationToken)
            .ConfigureAwait(false);
        server.Log.Information("Runbook {Runbook} deleted by {By} (was version {Previous})", name, Who(context), outcome.PreviousHash);
        return TypedResults.NoContent();
    }

    private static async Task<IResult> SaveAsync(string name, string yaml, string? expected, HttpContext context, ServerContext server, CancellationToken cancellationToken)
    {
        var outcome = await server.Folder.SaveAsync(name, yaml, expected, cancellationToken).ConfigureAwait(false);
        if (outcome.Kind != SaveResultKind.Saved)
        {
            return Failed(server, outcome);
        }
        var path = server.Folder.RelativePath(outcome.Path!);
        await server.Store.Saves.RecordAsync(name, path, yaml, outcome.ContentHash, outcome.PreviousHash, Who(context), server.Time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        server.Log.Information("Runbook {Runbook} saved by {By}: version {Version} (was {Previous}) in {Path}", name, Who(context), outcome.ContentHash, outcome.PreviousHash ?? "new", path);
        context.Response.Headers.ETag = $"\"{outcome.ContentHash}\"";
        var body = new { name, path, contentHash = outcome.ContentHash, previousHash = outcome.PreviousHash };
        return expected is null ? TypedResults.Created($"/api/v1/runbooks/{Uri.EscapeDataString(name)}", body) : TypedResults.Ok(body);
    }

    private static IResult Failed(ServerContext server, SaveOutcome outcome) => outcome.Kind switch
    {
        SaveResultKind.Conflict => Problems.Conflict(outcome.Message!, new Dictionary<string, object?> { ["currentHash"] = outcome.Current!.ContentHash }),
        SaveResultKind.Missing => Problems.NotFound(outcome.Message!),
        _ => Invalid(server, outcome.Problems),
    };

    private static IResult Invalid(ServerContext server, IReadOnlyList<Core.Diagnostics.Diagnostic> problems) =>
        ProblemList.Unprocessable($"the runbook is invalid ({problems.Count} problem(s)); nothing was saved", problems, server.Folder.RelativePath);

    private static object Describe(ServerContext server, RunbookFile file) => new
    {
        name = file.Name,
        path = server.Folder.RelativePath(file.Path),
        contentHash = file.ContentHash,
        yaml = file.Text,
        document = file.Runbook is null ? null : RunbookDocuments.ToJson(file.Text),
        valid = file.Runbook is not null,
        problems = ProblemList.Of(file.Problems, server.Folder.RelativePath),
        parameters = file.Runbook?.Parameters.Select(p => new
        {
            name = p.Name, type = Core.Shapes.ValueKindNames.Name(p.Type), required = p.Required, @default = p.Type == Core.Shapes.ValueKind.Secret ? null : p.Default,
            description = p.Description, allowed = p.Allowed, pattern = p.PatternText,
        }),
    };

    private static string? IfMatch(HttpRequest request)
    {
        var value = request.Headers.IfMatch.ToString().Trim();
        if (value.Length == 0)
        {
            return null;
        }
        if (value.StartsWith("W/", StringComparison.Ordinal))
        {
            value = value[2..];
        }
        return value.Trim('"');
    }

    internal static string Who(HttpContext context) => context.User.Identity?.Name ?? "anonymous";
}
