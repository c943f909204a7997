using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Runbooks.Core.Schema;
using Runbooks.Core.Scheduling;
using Runbooks.Core.Shapes;
using Runbooks.Core.Validation;
using Runbooks.Server.Auth;
using Runbooks.Server.Http;
using Runbooks.Storage.Keys;

namespace Runbooks.Server.Api;

/// <summary>
/// What the designer and operators look things up in: schedules (list, trigger now, pause, resume), maintenance
/// windows and freezes, the inventory (hosts, groups, labels; never credentials) and the actions catalog with the
/// JSON schemas of each action's inputs and outputs.
/// </summary>
internal static class CatalogEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        var schedules = api.MapGroup("/schedules").WithTags("schedules");
        schedules.MapGet("/", ListSchedules).RequireRole(ApiRole.Viewer);
        schedules.MapPost("/{runbook}/{trigger}/trigger", TriggerNow).RequireRole(ApiRole.Operator);
        schedules.MapPost("/{runbook}/{trigger}/pause", Pause).RequireRole(ApiRole.Operator);
        schedules.MapPost("/{runbook}/{trigger}/resume", ResumeSchedule).RequireRole(ApiRole.Operator);
        api.MapGet("/windows", Windows).WithTags("windows").RequireRole(ApiRole.Viewer);
        api.MapGet("/inventory", Inventory).WithTags("inventory").RequireRole(ApiRole.Viewer);
        api.MapGet("/actions", Actions).WithTags("actions").RequireRole(ApiRole.Viewer);
        api.MapGet("/actions/{name}", Action).WithTags("actions").RequireRole(ApiRole.Viewer);
    }

    private static async Task<IResult> ListSchedules(ServerContext server, int? count, CancellationToken cancellationToken)
    {
        var now = server.Time.GetUtcNow();
        var pauses = await server.Store.Pauses.ListAsync(cancellationToken).ConfigureAwait(false);
        var gate = new ScheduleGate(server.Setup.Calendar);
        var catalog = server.Setup.Worker.Schedules;
        return TypedResults.Ok(catalog.Entries.Select(entry => new
        {
            id = entry.Id,
            runbook = entry.Runbook.Name,
            trigger = entry.Trigger.Id,
            cron = entry.Cron,
            timeZone = entry.TimeZone.Id,
            enabled = entry.Enabled,
            paused = pauses.GetValueOrDefault(entry.Id),
            window = entry.Window,
            outsideWindow = entry.OutsideWindow,
            misfire = entry.Misfire,
            parameters = entry.Parameters,
            next = entry.NextOccurrences(now, Math.Clamp(count ?? 3, 1, 50)).Select(at => new { at, decision = gate.Decide(entry, at).ToString() }),
        }));
    }

    private static async Task<IResult> TriggerNow(string runbook, string trigger, HttpContext context, ServerContext server, CancellationToken cancellationToken)
    {
        var id = $"{runbook}/{trigger}";
        if (server.Setup.Worker.Schedules.Entry(id) is not { } entry)
        {
            return Problems.NotFound($"there is no schedule {id}; GET /api/v1/schedules lists them");
        }
        var who = RunbooksEndpoints.Who(context);
        // A manual firing is a person's run with the schedule's parameters and targets: no window wait, but a freeze still holds it.
        if (server.Setup.Calendar.FreezeAt(server.Time.GetUtcNow()) is { } freeze)
        {
            return Problems.Conflict($"freeze {freeze.Freeze.Name} is in force until {freeze.Until:u} ({freeze.Freeze.Reason}); the schedule was not triggered");
        }
        var request = entry.CreateRequest(server.Time.GetUtcNow()) with { Trigger = $"api:{who}:schedule:{id}" };
        var runId = await server.Setup.Worker.Submitter.SubmitAsync(request, RunQueues.Maintenance, cancellationToken).ConfigureAwait(false);
        server.Log.Information("Schedule {Schedule} triggered by {By}: run {RunId} queued", id, who, runId);
        return TypedResults.Accepted($"/api/v1/runs/{runId}", new { runId, status = "queued", schedule = id });
    }

    private static async Task<IResult> Pause(string runbook, string trigger, DecisionBody? body, HttpContext context, ServerContext server, CancellationToken cancellationToken)
    {
        var id = $"{runbook}/{trigger}";
        if (server.Setup.Worker.Schedules.Entry(id) is null)
        {
            return Problems.NotFound($"there is no schedule {id}; GET /api/v1/schedules lists them");
        }
        var who = RunbooksEndpoints.Who(context);
        var paused = await server.Store.Pauses.PauseAsync(id, who, body?.Comment ?? "paused through the API", server.Time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        server.Log.Information("Schedule {Schedule} paused by {By}", id, who);
        return TypedResults.Ok(new { id, paused = true, changed = paused });
    }

    private static async Task<IResult> ResumeSchedule(string runbook, string trigger, HttpContext context, ServerContext server, CancellationToken cancellationToken)
    {
        var id = $"{runbook}/{trigger}";
        var resumed = await server.Store.Pauses.ResumeAsync(id, cancellationToken).ConfigureAwait(false);
        server.Log.Information("Schedule {Schedule} resumed by {By}", id, RunbooksEndpoints.Who(context));
        return TypedResults.Ok(new { id, paused = false, changed = resumed });
    }

    private static IResult Windows(ServerContext server)
    {
        var calendar = server.Setup.Calendar;
        var now = server.Time.GetUtcNow();
        return TypedResults.Ok(new
        {
            windows = calendar.Windows.Select(w => new { name = w.Name, timeZone = w.TimeZone.Id, cron = w.Cron, duration = w.Cron is null ? (TimeSpan?)null : w.Duration, openNow = w.IsOpen(now), next = w.CurrentOrNext(now) }),
            freezes = calendar.Freezes.Select(f => new { name = f.Name, reason = f.Reason, timeZone = f.TimeZone.Id, inForceNow = f.IntervalAt(now) is not null, ranges = f.Ranges.Where(r => r.End > now) }),
        });
    }

    private static IResult Inventory(ServerContext server) =>
        server.Setup.Inventory is not { } inventory
            ? TypedResults.Ok(new { hosts = Array.Empty<object>(), groups = Array.Empty<string>() })
            : TypedResults.Ok(new
            {
                // Addresses, users and groups help pick targets; credentials and host keys are not the API's business.
                hosts = inventory.Hosts.Select(h => new { name = h.Name, address = h.Address, port = h.Port, user = h.User, groups = h.Groups, labels = h.Labels }),
                groups = inventory.Groups,
            });

    private static IResult Actions(ServerContext server) =>
        TypedResults.Ok(server.Setup.Actions.All.Select(a => Describe(a.Descriptor)));

    private static IResult Action(string name, ServerContext server) =>
        server.Setup.Actions.TryGet(name, out var action)
            ? TypedResults.Ok(Describe(action.Descriptor))
            : Problems.NotFound($"there is no action {name}; GET /api/v1/actions lists them");

    private static object Describe(Core.Actions.ActionDescriptor d) => new
    {
        name = d.Name,
        category = d.Category,
        description = d.Description,
        idempotentByDefault = d.IdempotentByDefault,
        defaultTimeout = d.DefaultTimeout is { } t ? DurationParser.Format(t) : null,
        shellStringInputs = d.ShellStringInputs,
        argvInputs = d.ArgvInputs,
        example = d.Example,
        inputs = JsonSchemaGenerator.ForShape(d.Inputs),
        outputs = JsonSchemaGenerator.ForShape(ValueShape.Object("Outputs", [.. d.Outputs])),
    };
}
