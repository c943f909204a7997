using System.Globalization;
using Runbooks.Core.Diagnostics;
using Runbooks.Core.Engine;
using Runbooks.Core.Model;
using Runbooks.Core.Scheduling;
using Runbooks.Core.Templates;

namespace Runbooks.Core.Alerts;

/// <summary>
/// The part of alert intake that needs no journal: which triggers match, whether their window is open and no freeze
/// holds, and the binding — <c>params</c> rendered with the sandboxed engine over the alert's values (which stay data:
/// a label <c>{{ 7*7 }}</c> arrives as those characters), control characters refused, then the engine's own
/// <see cref="RunEngine.Prepare"/> (types, <c>allowed</c>, <c>pattern</c>, targets against the inventory). Nothing here
/// connects to a host. Thread-safe.
/// </summary>
public sealed class AlertPlanner
{
    private readonly RunEngine _engine;
    private readonly ITemplateEngine _templates;
    private readonly MaintenanceCalendar _calendar;

    /// <summary>A planner binding runs with <paramref name="engine"/> and <paramref name="templates"/>, windows from <paramref name="calendar"/>.</summary>
    public AlertPlanner(RunEngine engine, ITemplateEngine templates, MaintenanceCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(templates);
        ArgumentNullException.ThrowIfNull(calendar);
        (_engine, _templates, _calendar) = (engine, templates, calendar);
    }

    /// <summary>Every enabled alert trigger of <paramref name="runbooks"/> that matches <paramref name="alert"/>, planned at <paramref name="now"/>.</summary>
    public IReadOnlyList<AlertCandidate> Plan(IncomingAlert alert, IEnumerable<RunbookDefinition> runbooks, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(runbooks);
        var candidates = new List<AlertCandidate>();
        foreach (var runbook in runbooks)
        {
            foreach (var trigger in runbook.Triggers.OfType<AlertTrigger>())
            {
                if (AlertTriggerMatching.Mismatch(trigger, alert) is null)
                {
                    candidates.Add(PlanOne(runbook, trigger, alert, now, cancellationToken));
                }
            }
        }
        return candidates;
    }

    /// <summary>Checks the window and binds the run for one trigger that matched.</summary>
    public AlertCandidate PlanOne(RunbookDefinition runbook, AlertTrigger trigger, IncomingAlert alert, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runbook);
        ArgumentNullException.ThrowIfNull(trigger);
        ArgumentNullException.ThrowIfNull(alert);
        var refused = new AlertCandidate { Runbook = runbook, Trigger = trigger };
        if (WindowProblem(trigger, now) is { } closed)
        {
            return refused with { Verdict = AlertDecisionKind.OutsideWindow, Reason = closed };
        }
        var data = alert.ToTemplateData();
        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        var scope = new TemplateScope(new Dictionary<string, object?>(StringComparer.Ordinal) { ["alert"] = data });
        foreach (var (name, value) in trigger.Params)
        {
            object? rendered;
            try
            {
                var compiled = value is TemplateText text ? _templates.Compile(text.Text, TemplateKind.Text) : null;
                if (compiled is not null && MissingMember(compiled, alert) is { } missing)
                {
                    // A label or annotation the alert lacks leaves the parameter to its default, instead of failing the render.
                    if (runbook.Parameter(name) is { Required: true, Default: null })
                    {
                        return refused with { Verdict = AlertDecisionKind.Rejected, Reason = $"parameter '{name}': the alert has no {missing}, which {trigger.Path}.params.{name} reads, and the parameter is required without a default" };
                    }
                    continue;
                }
                rendered = compiled is not null ? _templates.Evaluate(compiled, scope, cancellationToken) : (value as LiteralValue)?.Value;
            }
            catch (TemplateException ex)
            {
                return refused with { Verdict = AlertDecisionKind.Rejected, Reason = $"parameter '{name}': {trigger.Path}.params.{name} does not render for this alert: {ex.Message}" };
            }
            if (ControlCharacter(rendered) is { } problem)
            {
                return refused with { Verdict = AlertDecisionKind.Rejected, Reason = $"parameter '{name}': the value from the alert {problem}; control characters and line breaks are not accepted in parameters" };
            }
            parameters[name] = rendered;
        }
        var request = new RunRequest
        {
            Runbook = runbook,
            Parameters = parameters,
            Alert = data,
            Trigger = $"alert:{runbook.Name}/{trigger.Id}",
        };
        try
        {
            var (stored, targets) = _engine.Prepare(request);
            return refused with { Request = request, Parameters = stored, Targets = targets };
        }
        catch (RunbookValidationException ex)
        {
            return refused with { Verdict = AlertDecisionKind.Rejected, Reason = string.Join("; ", ex.Diagnostics.Select(d => d.Message)) };
        }
        catch (RunbooksException ex)
        {
            return refused with { Verdict = AlertDecisionKind.Rejected, Reason = ex.Message };
        }
    }

    /// <summary>"label 'port'" when the template reads a label or annotation the alert does not have, else null.</summary>
    private static string? MissingMember(CompiledTemplate template, IncomingAlert alert)
    {
        foreach (var reference in template.References)
        {
            if (reference.Root != "alert" || reference.Path.Count < 3)
            {
                continue;
            }
            var (kind, map) = reference.Path[1] switch
            {
                "labels" => ("label", alert.Labels),
                "annotations" => ("annotation", alert.Annotations),
                _ => ("", null as IReadOnlyDictionary<string, string>),
            };
            if (map is not null && !map.ContainsKey(reference.Path[2]))
            {
                return $"{kind} '{reference.Path[2]}'";
            }
        }
        return null;
    }

    private string? WindowProblem(AlertTrigger trigger, DateTimeOffset now)
    {
        if (_calendar.FreezeAt(now) is { } frozen)
        {
            return $"freeze '{frozen.Freeze.Name}' is in force until {Utc(frozen.Until)} ({frozen.Freeze.Reason}); no automatic run starts during a freeze";
        }
        if (trigger.Window is not { } name)
        {
            return null;
        }
        if (_calendar.Window(name) is not { } window)
        {
            return $"maintenance window '{name}' is not configured (Runbooks:Maintenance:Windows)";
        }
        if (window.IsOpen(now))
        {
            return null;
        }
        return window.NextOpening(now) is { } next
            ? $"outside maintenance window '{name}'; it next opens {Utc(next.Start)}"
            : $"outside maintenance window '{name}', which does not open again";
    }

    /// <summary>Where a string (or a string in a list or map) holds a control character, or null.</summary>
    private static string? ControlCharacter(object? value)
    {
        switch (value)
        {
            case string text:
                for (var i = 0; i < text.Length; i++)
                {
                    if (char.IsControl(text[i]) || text[i] is '\u2028' or '\u2029')
                    {
                        return $"holds a control character (U+{(int)text[i]:X4}) at position {i + 1}";
                    }
                }
                return null;
            case IEnumerable<KeyValuePair<string, object?>> map:
                return map.Select(e => ControlCharacter(e.Key) ?? ControlCharacter(e.Value)).FirstOrDefault(p => p is not null);
            case IEnumerable<object?> list:
                return list.Select(ControlCharacter).FirstOrDefault(p => p is not null);
            default:
                return null;
        }
    }

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
