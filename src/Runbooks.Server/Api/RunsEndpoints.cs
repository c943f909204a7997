using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Runbooks.Core;
using Runbooks.Core.Engine;
using Runbooks.Core.Model;
using Runbooks.Core.Diagnostics;
using Runbooks.Server.Auth;
using Runbooks.Server.Http;
using Runbooks.Storage;
using Runbooks.Storage.Keys;

namespace Runbooks.Server.Api;

/// <summary>
/// <c>/api/v1/runs</c>: start (queued for the workers, idempotent with a client token), list with filters, get the full
/// record, steps per host, logs, cancel, resume, approve and reject. Who did it is the API key's name.
/// </summary>
internal static class RunsEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/runs").WithTags("runs");
        group.MapGet("/", List).RequireRole(ApiRole.Viewer);
        group.MapGet("/{runId}", Get).RequireRole(ApiRole.Viewer);
        group.MapGet("/{runId}/steps", Steps).RequireRole(ApiRole.Viewer);
        group.MapGet("/{runId}/logs", Logs).RequireRole(ApiRole.Viewer);
        group.MapGet("/{runId}/events", RunEventStream.StreamAsync).RequireRole(ApiRole.Viewer);
        group.MapPost("/", Start).RequireRole(ApiRole.Operator);
        group.MapPost("/{runId}/cancel", Cancel).RequireRole(ApiRole.Operator);
        group.MapPost("/{runId}/resume", Resume).RequireRole(ApiRole.Operator);
        group.MapPost("/{runId}/approve", (string runId, DecisionBody body, HttpContext context, ServerContext server, CancellationToken token) =>
            Decide(runId, body, approve: true, context, server, token)).RequireRole(ApiRole.Approver);
        group.MapPost("/{runId}/reject", (string runId, DecisionBody body, HttpContext context, ServerContext server, CancellationToken token) =>
            Decide(runId, body, approve: false, context, server, token)).RequireRole(ApiRole.Approver);
    }

    private static readonly string[] Statuses = ["queued", "running", "suspended", "inDoubt", "succeeded", "failed", "cancelled"];

    private static async Task<IResult> List(ServerContext server, string? runbook, string? status, string? trigger, int? limit, bool? all, CancellationToken cancellationToken)
    {
        if (status is not null && !Statuses.Contains(status))
        {
            return Problems.BadRequest($"status '{status}' is not a run status; allowed: {string.Join(", ", Statuses)}");
        }
        if (limit is < 1 or > 1000)
        {
            return Problems.BadRequest($"limit {limit} is out of range; allowed: 1 to 1000 (default 50)");
        }
        var runs = await server.Store.ListRunsAsync(new RunQuery
        {
            Runbook = runbook, Status = status, Trigger = trigger, Limit = limit ?? 50, IncludeChildren = all ?? false,
        }, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(runs);
    }

    private static async Task<IResult> Get(string runId, ServerContext server, CancellationToken cancellationToken) =>
        await server.Store.GetRunAsync(runId, cancellationToken).ConfigureAwait(false) is { } document
            ? TypedResults.Ok(document)
            : NoRun(runId);

    private static async Task<IResult> Steps(string runId, ServerContext server, CancellationToken cancellationToken)
    {
        if (await server.Store.GetRunAsync(runId, cancellationToken).ConfigureAwait(false) is not { } document)
        {
            return NoRun(runId);
        }
        var hosts = document.Attempts.GroupBy(a => a.Target).Select(g => new
        {
            target = g.Key,
            steps = g.GroupBy(a => a.StepPath).Select(s => new { stepPath = s.Key, attempts = s.ToList() }),
        });
        return TypedResults.Ok(new { runId, hosts, skips = document.Skips });
    }

    private static async Task<IResult> Logs(string runId, ServerContext server, CancellationToken cancellationToken)
    {
        if (await server.Store.GetRunAsync(runId, cancellationToken).ConfigureAwait(false) is not { } document)
        {
            return NoRun(runId);
        }
        var text = new StringBuilder();
        foreach (var attempt in document.Attempts)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture,
                $"== {attempt.StepPath} on {attempt.Target} (attempt {attempt.Attempt}): {attempt.Status}{(attempt.ExitCode is { } code ? $", exit {code}" : "")}\n");
            if (!string.IsNullOrEmpty(attempt.Stdout))
            {
                text.Append(attempt.Stdout).Append(attempt.Stdout.EndsWith('\n') ? "" : "\n");
            }
            if (!string.IsNullOrEmpty(attempt.Stderr))
            {
                text.Append("-- stderr\n").Append(attempt.Stderr).Append(attempt.Stderr.EndsWith('\n') ? "" : "\n");
            }
        }
        return TypedResults.Text(text.ToString(), "text/plain; charset=utf-8");
    }

    private static async Task<IResult> Start(StartRunBody body, HttpContext context, ServerContext server, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body.Runbook))
        {
            return Problems.BadRequest("runbook is required: the name of the runbook to run (GET /api/v1/runbooks lists them)");
        }
        var queue = body.Queue ?? RunQueues.Default;
        if (RunQueues.Check(queue) is { } badQueue)
        {
            return Problems.BadRequest(badQueue);
        }
        if (body.ClientToken is { Length: 0 or > 100 })
        {
            return Problems.BadRequest("clientToken must be 1 to 100 characters");
        }
        if (server.Folder.Find(body.Runbook) is not { } file)
        {
            return Problems.NotFound($"there is no runbook named {body.Runbook}; GET /api/v1/runbooks lists them");
        }
        if (file.Runbook is not { } runbook)
        {
            return ProblemList.Unprocessable($"runbook {body.Runbook} is invalid; fix it before running it", file.Problems, server.Folder.RelativePath);
        }
        if (body.Targets is not null && body.Hosts is not null)
        {
            return Problems.BadRequest("give the hosts to run on as \"targets\" or as \"hosts\" (its older name), not both");
        }
        runbook = TargetOverride.Apply(runbook, body.Targets ?? body.Hosts);
        var who = RunbooksEndpoints.Who(context);
        var request = new RunRequest { Runbook = runbook, Parameters = JsonArguments.ToValues(body.Parameters), Trigger = "api:" + who, DryRun = body.DryRun };
        var runId = body.ClientToken is { } token ? TokenRunId(who, token) : null;
        if (runId is not null && await server.Store.GetRunAsync(runId, cancellationToken).ConfigureAwait(false) is { } earlier)
        {
            return SameRequest(earlier.Run, request, server) ? Accepted(earlier.Run.RunId, earlier.Run.Status, replayed: true)
                : Problems.Conflict($"clientToken {body.ClientToken} was already used for another request (run {earlier.Run.RunId} of {earlier.Run.Runbook}); use a new token for a new run");
        }
        try
        {
            var id = await server.Setup.Worker.Submitter.SubmitAsync(request, queue, cancellationToken, runId: runId).ConfigureAwait(false);
            server.Log.Information("Run {RunId} of {Runbook} queued on {Queue} by {By} through the API", id, runbook.Name, queue, who);
            return Accepted(id, "queued", replayed: false);
        }
        catch (RunbookValidationException ex)
        {
            return ProblemList.Unprocessable("the run cannot start; nothing was queued", ex.Diagnostics, server.Folder.RelativePath);
        }
        catch (RunbooksException ex)
        {
            return Problems.Result(StatusCodes.Status422UnprocessableEntity, ex.Message);
        }
        catch (Exception ex) when (runId is not null && ex is not OperationCanceledException)
        {
            // Two requests with one token at once: the other one queued the run first (the insert of the same id failed).
            if (await server.Store.GetRunAsync(runId, CancellationToken.None).ConfigureAwait(false) is { } raced)
            {
                return Accepted(raced.Run.RunId, raced.Run.Status, replayed: true);
            }
            throw;
        }
    }

    private static async Task<IResult> Cancel(string runId, DecisionBody? body, HttpContext context, ServerContext server, CancellationToken cancellationToken)
    {
        var outcome = await server.Store.Cancellation.CancelAsync(runId, RunbooksEndpoints.Who(context), body?.Comment ?? "cancelled through the API", server.Time.GetUtcNow(), cancellationToken)
            .ConfigureAwait(false);
        server.Log.Information("Cancel of run {RunId} by {By}: {Outcome}", runId, RunbooksEndpoints.Who(context), outcome.Message);
        return outcome.Result switch
        {
            CancelResult.Cancelled => TypedResults.Ok(new { runId, status = "cancelled", message = outcome.Message }),
            CancelResult.Requested => TypedResults.Accepted($"/api/v1/runs/{runId}", new { runId, status = "cancelRequested", message = outcome.Message }),
            CancelResult.NotFound => NoRun(runId),
            _ => Problems.Conflict(outcome.Message),
        };
    }

    private static async Task<IResult> Resume(string runId, DecisionBody? body, HttpContext context, ServerContext server, BackgroundRuns background)
    {
        var who = RunbooksEndpoints.Who(context);
        var refusal = await background.ResumeAsync(runId, new ContinueOptions
        {
            By = "api:" + who, Operator = true, From = body?.From, Skip = body?.Skip ?? [],
            Reason = body?.Comment ?? (body?.From is { } from ? $"resumed from {from}" : body?.Skip is { Count: > 0 } skip ? $"resumed skipping {string.Join(", ", skip)}" : "resumed"),
        }).ConfigureAwait(false);
        return refusal is null
            ? TypedResults.Accepted($"/api/v1/runs/{runId}", new { runId, message = $"run {runId} continues on this server" })
            : Problems.Conflict(refusal);
    }

    private static async Task<IResult> Decide(string runId, DecisionBody body, bool approve, HttpContext context, ServerContext server, CancellationToken cancellationToken)
    {
        var who = RunbooksEndpoints.Who(context);
        try
        {
            var gate = await server.Store.Approvals.DecideAsync(runId, body.Step, who, approve, body.Comment ?? "",
                approvers => server.Setup.IsApprover(who, approvers), server.Time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            server.Log.Information("Gate {Gate} of run {RunId} {Decision} by {By}", gate.StepPath, runId, approve ? "approved" : "rejected", who);
            return TypedResults.Ok(new { runId, gate = gate.StepPath, decision = approve ? "approved" : "rejected", by = who });
        }
        catch (RunbooksException ex)
        {
            return ex.Message.StartsWith("there is no run", StringComparison.Ordinal) ? NoRun(runId)
                : ex.Message.Contains(" may not decide ", StringComparison.Ordinal) ? Problems.Result(StatusCodes.Status403Forbidden, ex.Message)
                : ex.Message.StartsWith("a decision needs a comment", StringComparison.Ordinal) ? Problems.BadRequest("comment is required: it is the audit trail of the approval")
                : Problems.Conflict(ex.Message);
        }
    }

    private static IResult Accepted(string runId, string status, bool replayed) =>
        TypedResults.Accepted($"/api/v1/runs/{runId}", new { runId, status, replayed });

    private static IResult NoRun(string runId) => Problems.NotFound($"there is no run {runId} in the journal; GET /api/v1/runs lists them");

    /// <summary>The run id of a client token: the same key and token always name the same run, so a retry finds it.</summary>
    private static string TokenRunId(string who, string token) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"client-token\n{who}\n{token}")))[..32];

    private static bool SameRequest(StoredRun run, RunRequest request, ServerContext server)
    {
        if (!string.Equals(run.Runbook, request.Runbook.Name, StringComparison.Ordinal) || run.DryRun != request.DryRun)
        {
            return false;
        }
        try
        {
            var (parameters, _) = server.Setup.Engine.Prepare(request);
            return System.Text.Json.JsonSerializer.Serialize(parameters) == System.Text.Json.JsonSerializer.Serialize(run.Parameters);
        }
        catch (RunbooksException)
        {
            return false;
        }
    }
}
