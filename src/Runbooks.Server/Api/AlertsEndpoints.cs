using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Runbooks.Core;
using Runbooks.Core.Alerts;
using Runbooks.Server.Alerts;
using Runbooks.Server.Auth;
using Runbooks.Server.Http;
using Runbooks.Storage.Alerts;
using Runbooks.Storage.Keys;

namespace Runbooks.Server.Api;

/// <summary>
/// <c>/api/v1/alerts</c>: intake (Alertmanager webhook v4 and a mapped generic JSON webhook) with a durable answer — every
/// decision and the runs it queues are committed before the 202, and a storage failure is a 503 so the sender retries
/// (a retry never starts a second run) — and what was received and decided, breakers and needs-human marks, resets.
/// </summary>
internal static class AlertsEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/alerts").WithTags("alerts");
        group.MapPost("/alertmanager", (HttpRequest request, ServerContext server, AlertServices alerts) =>
            ReceiveAsync(request, server, alerts, alerts.Intake.ReceiveAlertmanagerAsync)).RequireRole(ApiRole.Operator);
        group.MapPost("/webhook", (HttpRequest request, ServerContext server, AlertServices alerts) =>
            ReceiveAsync(request, server, alerts, alerts.Intake.ReceiveWebhookAsync)).RequireRole(ApiRole.Operator);
        group.MapGet("/", List).RequireRole(ApiRole.Viewer);
        group.MapGet("/{seq:long}", Get).RequireRole(ApiRole.Viewer);
        group.MapGet("/decisions", Decisions).RequireRole(ApiRole.Viewer);
        group.MapGet("/breakers", Breakers).RequireRole(ApiRole.Viewer);
        group.MapGet("/needs-human", NeedsHuman).RequireRole(ApiRole.Viewer);
        group.MapPost("/reset", Reset).RequireRole(ApiRole.Admin);
    }

    private static async Task<IResult> ReceiveAsync(HttpRequest request, ServerContext server, AlertServices alerts,
        Func<string, CancellationToken, Task<AlertIntakeResult>> receive)
    {
        using var reader = new StreamReader(request.Body, System.Text.Encoding.UTF8);
        var body = await reader.ReadToEndAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
        AlertIntakeResult result;
        try
        {
            // Not the request's token: once the decisions are being committed they are committed, whoever hung up.
            result = await receive(body, CancellationToken.None).ConfigureAwait(false);
        }
        catch (AlertPayloadException ex)
        {
            return Problems.BadRequest(ex.Message);
        }
        catch (RunbooksException ex)
        {
            server.Log.Error("Alert intake could not record a notification: {Error}", ex.Message);
            return Problems.Result(StatusCodes.Status503ServiceUnavailable, "the alert could not be recorded (the journal does not answer); nothing was decided — send it again");
        }
        // Committed: now the jobs. A job that cannot be created here is offered to the sweep (RunSubmitter), so the
        // answer is still 202: a 500 would make Alertmanager resend a notification whose runs are already decided and
        // queued (bench/alerts found Hangfire.PostgreSql's job creation timing out in a storm).
        foreach (var runId in result.StartedRunIds)
        {
            await server.Setup.Worker.Submitter.EnqueueAsync(runId, result.Queue).ConfigureAwait(false);
        }
        if (result.Escalated)
        {
            alerts.Dispatcher.Wake();
        }
        return TypedResults.Accepted((string?)null, new
        {
            alerts = result.Alerts.Select(a => new
            {
                seq = a.Seq,
                fingerprint = a.Alert.Fingerprint,
                status = a.Alert.Status,
                problem = a.Problem,
                decisions = a.Decisions.Select(Describe),
            }),
            started = result.StartedRunIds,
        });
    }

    private static async Task<IResult> List(AlertServices alerts, int? limit, string? fingerprint, long? before, CancellationToken cancellationToken) =>
        TypedResults.Ok((await alerts.Store.Queries.ListAlertsAsync(new AlertQuery { Limit = Math.Clamp(limit ?? 100, 1, 1000), Fingerprint = fingerprint, Before = before },
            cancellationToken).ConfigureAwait(false)).Select(Summary));

    private static async Task<IResult> Get(long seq, AlertServices alerts, CancellationToken cancellationToken) =>
        await alerts.Store.Queries.GetAlertAsync(seq, cancellationToken).ConfigureAwait(false) is { } alert
            ? TypedResults.Ok(Summary(alert))
            : Problems.NotFound($"there is no received alert {seq}");

    private static async Task<IResult> Decisions(AlertServices alerts, string? kind, string? runbook, string? fingerprint, string? runId, int? limit, CancellationToken cancellationToken)
    {
        AlertDecisionKind? parsed = null;
        if (kind is not null && (parsed = AlertDecisionKinds.Parse(kind)) is null)
        {
            return Problems.BadRequest($"kind '{kind}' is not a decision kind; allowed: {string.Join(", ", AlertDecisionKinds.All.Select(AlertDecisionKinds.Text))}");
        }
        var decisions = await alerts.Store.Queries.ListDecisionsAsync(new AlertDecisionQuery
        {
            Kind = parsed, Runbook = runbook, Fingerprint = fingerprint, RunId = runId, Limit = Math.Clamp(limit ?? 100, 1, 1000),
        }, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(decisions.Select(d => new { seq = d.Seq, alertSeq = d.AlertSeq, fingerprint = d.Fingerprint, decision = Describe(d.Decision) }));
    }

    private static async Task<IResult> Breakers(AlertServices alerts, bool? all, CancellationToken cancellationToken) =>
        TypedResults.Ok(await alerts.Store.Queries.ListBreakersAsync(all ?? false, cancellationToken).ConfigureAwait(false));

    private static async Task<IResult> NeedsHuman(AlertServices alerts, bool? all, CancellationToken cancellationToken) =>
        TypedResults.Ok(await alerts.Store.Queries.ListNeedsHumanAsync(all ?? false, cancellationToken).ConfigureAwait(false));

    private static async Task<IResult> Reset(ResetBody body, HttpContext context, ServerContext server, AlertServices alerts, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(body.Key) || string.IsNullOrWhiteSpace(body.Comment))
        {
            return Problems.BadRequest("key (a target name or an alert fingerprint) and comment (why automatic runs may go on) are required");
        }
        try
        {
            var reset = await alerts.Store.ResetAsync(body.Key, RunbooksEndpoints.Who(context), body.Comment, cancellationToken).ConfigureAwait(false);
            server.Log.Warning("Breaker and needs-human mark of {Key} reset by {By}: {Comment}", body.Key, RunbooksEndpoints.Who(context), body.Comment);
            return TypedResults.Ok(reset);
        }
        catch (RunbooksException ex)
        {
            return Problems.NotFound(ex.Message);
        }
    }

    private static object Summary(StoredAlert alert) => new
    {
        seq = alert.Seq,
        receivedAt = alert.ReceivedAt,
        alert = alert.Alert,
        problem = alert.Problem,
        decisions = alert.Decisions.Select(Describe),
    };

    private static object Describe(AlertDecision decision) => decision;
}
