using Runbooks.Core.Diagnostics;
using Runbooks.Core.Language;
using Runbooks.Core.Model;
using Runbooks.Core.Scheduling;
using Runbooks.Core.Shapes;
using Runbooks.Core.Yaml;

namespace Runbooks.Core.Validation;

/// <summary>
/// Binds <c>triggers:</c>: each item has exactly one kind key (<see cref="RunbookGrammar.TriggerKinds"/>); a schedule's
/// cron, time zone, parameters (checked like <c>-p</c> values), target override and window are checked here, so a
/// runbook that loads can be scheduled; alert triggers are bound by <see cref="AlertTriggerBinder"/>. Every problem is reported; binding goes on past each.
/// </summary>
internal sealed class TriggerBinder(
    DiagnosticBag diagnostics,
    YamlShapeChecker checker,
    IReadOnlySet<string>? maintenanceWindows,
    Func<YamlNode?, string, TargetsDefinition> bindTargets)
{
    private static readonly string Kinds = Messages.List(RunbookGrammar.TriggerKinds);

    private readonly AlertTriggerBinder _alerts = new(diagnostics, checker, maintenanceWindows);

    public IReadOnlyList<TriggerDefinition> Bind(YamlNode? node, string runbook, IReadOnlyList<ParameterDefinition> parameters)
    {
        if (node is not YamlSequenceNode list)
        {
            return []; // absent, or the wrong type (reported by the document's grammar check)
        }
        var triggers = new List<TriggerDefinition>();
        var ids = new Dictionary<string, SourceSpan>(StringComparer.Ordinal);
        for (var i = 0; i < list.Items.Count; i++)
        {
            var path = $"triggers[{i}]";
            if (list.Items[i] is not YamlMappingNode item)
            {
                diagnostics.Add(RuleCodes.TriggerKind, list.Items[i].Span, path, $"a trigger is a map with one kind key ({Kinds}), got {list.Items[i].KindName}");
                continue;
            }
            if (Kind(item, path) is not { } kind)
            {
                continue;
            }
            var ordinal = triggers.Count(t => t.Kind == kind.Key.Text) + 1;
            var at = $"{path}.{kind.Key.Text}";
            TriggerDefinition? trigger = kind.Key.Text == "alert"
                ? _alerts.Bind(kind.Value, at, ordinal, runbook, parameters)
                : BindSchedule(kind.Value, at, ordinal, runbook, parameters);
            if (trigger is null)
            {
                continue;
            }
            if (ids.TryGetValue(trigger.Id, out var first))
            {
                diagnostics.Add(RuleCodes.DuplicateTriggerId, trigger.Span, $"{trigger.Path}.id",
                    $"duplicate trigger id '{trigger.Id}' (first used at line {first.Line}); trigger ids must be unique in the runbook ({(trigger.Kind == "alert" ? "an" : "a")} {trigger.Kind} without an id is {trigger.Kind}-<n>, counting {trigger.Kind}s from 1)");
            }
            else
            {
                ids[trigger.Id] = trigger.Span;
            }
            triggers.Add(trigger);
        }
        return triggers;
    }

    /// <summary>The one kind entry of a trigger, or null after reporting why there is none.</summary>
    private KeyValuePair<YamlScalarNode, YamlNode>? Kind(YamlMappingNode item, string path)
    {
        var known = new List<KeyValuePair<YamlScalarNode, YamlNode>>();
        foreach (var entry in item.Entries)
        {
            if (RunbookGrammar.TriggerKinds.Contains(entry.Key.Text, StringComparer.Ordinal))
            {
                known.Add(entry);
                continue;
            }
            var owner = RunbookGrammar.Schedule.Field(entry.Key.Text) is not null ? "schedule"
                : RunbookGrammar.Alert.Field(entry.Key.Text) is not null ? "alert" : null;
            var misplaced = owner is not null
                ? $" ('{entry.Key.Text}' belongs inside the kind: write - {owner}: {{ {entry.Key.Text}: … }})"
                : Suggestions.Hint(entry.Key.Text, RunbookGrammar.TriggerKinds);
            diagnostics.Add(RuleCodes.TriggerKind, entry.Key.Span, $"{path}.{entry.Key.Text}",
                $"unknown trigger kind '{entry.Key.Text}'{misplaced}; allowed kinds: {Kinds}");
        }
        if (known.Count == 1)
        {
            return known[0];
        }
        if (known.Count == 0 && item.Entries.Count == 0)
        {
            diagnostics.Add(RuleCodes.TriggerKind, item.Span, path, $"a trigger needs one kind key; allowed kinds: {Kinds}");
        }
        else if (known.Count > 1)
        {
            diagnostics.Add(RuleCodes.TriggerKind, item.Span, path,
                $"a trigger has exactly one kind key, found {string.Join(" and ", known.Select(k => $"'{k.Key.Text}'"))}; write each as its own list item");
        }
        return null;
    }

    private ScheduleTrigger? BindSchedule(YamlNode node, string path, int ordinal, string runbook, IReadOnlyList<ParameterDefinition> parameters)
    {
        if (!checker.Check(node, RunbookGrammar.Schedule, path) || node is not YamlMappingNode map)
        {
            return null;
        }
        var cron = RunbookBinder.Text(map.Get("cron"));
        if (cron is not null && CronText.Parse(cron, allowSeconds: true, out var cronProblem) is null)
        {
            diagnostics.Add(RuleCodes.BadCron, RunbookBinder.ContentSpan(map.Get("cron")), $"{path}.cron", cronProblem!);
        }
        var zone = RunbookBinder.Text(map.Get("timeZone")) ?? "UTC";
        if (map.Get("timeZone") is { } zoneNode && TimeZones.Find(zone) is null)
        {
            diagnostics.Add(RuleCodes.UnknownTimeZone, RunbookBinder.ContentSpan(zoneNode), $"{path}.timeZone", TimeZones.Unknown(zone));
        }
        var window = RunbookBinder.Text(map.Get("window"));
        CheckWindow(diagnostics, maintenanceWindows, window, map.Get("window"), $"{path}.window");
        return new ScheduleTrigger
        {
            Id = RunbookBinder.Text(map.Get("id")) ?? $"schedule-{ordinal}",
            Cron = cron ?? "",
            TimeZone = zone,
            Parameters = BindParameters(map.Get("parameters") as YamlMappingNode, map, $"{path}.parameters", runbook, parameters),
            Targets = map.Get("targets") is { } targets ? bindTargets(targets, $"{path}.targets") : null,
            Window = window,
            OutsideWindow = RunbookBinder.Text(map.Get("outsideWindow")) == "skip" ? OutsideWindowPolicy.Skip : OutsideWindowPolicy.Wait,
            Misfire = RunbookBinder.Text(map.Get("misfire")) == "skip" ? MisfirePolicy.Skip : MisfirePolicy.RunOnce,
            Enabled = map.Get("enabled") is not YamlScalarNode { Value: false },
            Span = map.Span,
            Path = path,
        };
    }

    /// <summary>RB0117 when <paramref name="window"/> names no configured window (not checked when the windows are unknown).</summary>
    internal static void CheckWindow(DiagnosticBag diagnostics, IReadOnlySet<string>? maintenanceWindows, string? window, YamlNode? node, string path)
    {
        if (window is null || maintenanceWindows is null || maintenanceWindows.Contains(window))
        {
            return;
        }
        var configured = maintenanceWindows.Order(StringComparer.Ordinal).ToList();
        diagnostics.Add(RuleCodes.UnknownWindow, RunbookBinder.ContentSpan(node), path,
            $"unknown maintenance window '{window}'{Suggestions.Hint(window, configured)}; configured windows: " +
            (configured.Count == 0 ? "none (add one under Runbooks:Maintenance:Windows in appsettings.json)" : Messages.List(configured)));
    }

    /// <summary>Checks the values like <c>-p</c> values at run start, so that a scheduled run cannot fail on them.</summary>
    private Dictionary<string, object?> BindParameters(YamlMappingNode? given, YamlMappingNode schedule, string path, string runbook,
        IReadOnlyList<ParameterDefinition> parameters)
    {
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var declared = parameters.Select(p => p.Name).ToList();
        foreach (var entry in given?.Entries ?? [])
        {
            var name = entry.Key.Text;
            var at = $"{path}.{name}";
            var parameter = parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));
            if (parameter is null)
            {
                diagnostics.Add(RuleCodes.UndeclaredParameter, entry.Key.Span, at,
                    $"'{runbook}' has no parameter '{name}'{Suggestions.Hint(name, declared)}; its parameters: {(declared.Count == 0 ? "none" : Messages.List(declared))}");
                continue;
            }
            var value = RunbookBinder.Plain(entry.Value);
            if (parameter.Type == ValueKind.Secret)
            {
                diagnostics.Add(RuleCodes.BadParameterValue, entry.Value.Span, at,
                    $"parameter '{name}' is a secret, and a schedule would keep its value in the runbook file; read it in the runbook with {{{{ secrets.<name> }}}} instead");
                continue;
            }
            if (value is string text && YamlShapeChecker.IsTemplate(text))
            {
                diagnostics.Add(RuleCodes.BadParameterValue, RunbookBinder.ContentSpan(entry.Value), at,
                    $"parameter '{name}': a schedule's values are written out literally; templates are not rendered here");
                continue;
            }
            if (ParameterValues.Check(parameter, value, out var typed) is { } problem)
            {
                diagnostics.Add(RuleCodes.BadParameterValue, entry.Value.Span, at, $"parameter '{name}': {problem}");
                continue;
            }
            values[name] = typed;
        }
        foreach (var parameter in parameters.Where(p => p.Required && p.Default is null && !values.ContainsKey(p.Name)))
        {
            if (given?.Get(parameter.Name) is not null)
            {
                continue; // its value was reported above
            }
            diagnostics.Add(RuleCodes.MissingParameter, (given ?? schedule).Span, path,
                $"parameter '{parameter.Name}' ({ValueKindNames.Name(parameter.Type)}) is required and has no default; give it in the schedule's parameters");
        }
        return values;
    }
}
