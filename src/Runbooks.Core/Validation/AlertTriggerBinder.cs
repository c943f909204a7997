using System.Text.RegularExpressions;
using Runbooks.Core.Diagnostics;
using Runbooks.Core.Language;
using Runbooks.Core.Model;
using Runbooks.Core.Shapes;
using Runbooks.Core.Yaml;

namespace Runbooks.Core.Validation;

/// <summary>
/// Binds <c>triggers: - alert:</c>: the label matchers (values, operators, label names, regexes), severities, the
/// breaker, the window and the <c>params</c> map (each name declared; literals checked like <c>-p</c> values; required
/// parameters given). Templates in <c>params</c> and the <c>verify</c> step are checked by the validator, which knows
/// every step. Every problem is reported; binding goes on past each.
/// </summary>
internal sealed class AlertTriggerBinder(DiagnosticBag diagnostics, YamlShapeChecker checker, IReadOnlySet<string>? maintenanceWindows)
{
    public AlertTrigger? Bind(YamlNode node, string path, int ordinal, string runbook, IReadOnlyList<ParameterDefinition> parameters)
    {
        if (!checker.Check(node, RunbookGrammar.Alert, path) || node is not YamlMappingNode map)
        {
            return null;
        }
        var maxRuns = AlertTriggerLimit.Default;
        if (map.Get("maxRuns") is YamlMappingNode limit
            && limit.Get("count") is YamlScalarNode { Value: long count } && count is >= 1 and <= 1000
            && limit.Get("per") is YamlScalarNode per && DurationParser.TryParse(per.Text, out var window))
        {
            maxRuns = new AlertTriggerLimit((int)count, window);
        }
        var windowName = RunbookBinder.Text(map.Get("window"));
        TriggerBinder.CheckWindow(diagnostics, maintenanceWindows, windowName, map.Get("window"), $"{path}.window");
        return new AlertTrigger
        {
            Id = RunbookBinder.Text(map.Get("id")) ?? $"alert-{ordinal}",
            Match = BindMatch(map.Get("match"), $"{path}.match"),
            Severity = map.Get("severity") switch
            {
                YamlSequenceNode list => [.. list.Items.OfType<YamlScalarNode>().Where(s => s.Value is not null).Select(s => s.Text)],
                YamlScalarNode { Value: not null } one => [one.Text],
                _ => null,
            },
            Params = BindParams(map.Get("params") as YamlMappingNode, map, $"{path}.params", runbook, parameters),
            Cooldown = map.Get("cooldown") is YamlScalarNode c && DurationParser.TryParse(c.Text, out var cooldown) ? cooldown : AlertTrigger.DefaultCooldown,
            MaxRuns = maxRuns,
            Verify = RunbookBinder.Text(map.Get("verify")),
            VerifySpan = RunbookBinder.ContentSpan(map.Get("verify")),
            Window = windowName,
            Enabled = map.Get("enabled") is not YamlScalarNode { Value: false },
            Span = map.Span,
            Path = path,
        };
    }

    private List<AlertTriggerMatcher> BindMatch(YamlNode? node, string path)
    {
        var matchers = new List<AlertTriggerMatcher>();
        if (node is not YamlMappingNode map)
        {
            return matchers; // missing or the wrong type: reported by the grammar check
        }
        if (map.Entries.Count == 0)
        {
            diagnostics.Add(RuleCodes.BadMatcher, map.Span, path,
                "match needs at least one label matcher (e.g. alertname: NginxDown); an empty match would start the runbook for every alert");
            return matchers;
        }
        foreach (var (key, value) in map.Entries.Select(e => (e.Key, e.Value)))
        {
            var at = $"{path}.{key.Text}";
            if (!Regex.IsMatch(key.Text, RunbookGrammar.LabelNamePattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
            {
                diagnostics.Add(RuleCodes.BadMatcher, key.Span, at, $"'{key.Text}' is not a label name; expected {RunbookGrammar.LabelNameRule}");
                continue;
            }
            if (Matcher(key.Text, value, at) is { } matcher)
            {
                matchers.Add(matcher);
            }
        }
        return matchers;
    }

    private AlertTriggerMatcher? Matcher(string label, YamlNode value, string path)
    {
        const string Allowed = "write label: value, or label: { equals | not | regex | notRegex: value }";
        if (value is YamlScalarNode { Value: not null } scalar)
        {
            return Template(scalar, path) ? null : new AlertTriggerMatcher { Label = label, Operator = AlertTriggerOperator.Equal, Value = scalar.Text };
        }
        if (value is not YamlMappingNode map || map.Entries.Count != 1)
        {
            var got = value is YamlMappingNode m ? $"a map with {m.Entries.Count} keys" : value.KindName;
            diagnostics.Add(RuleCodes.BadMatcher, value.Span, path, $"a label matcher is a value or a map with exactly one operator, got {got}; {Allowed}");
            return null;
        }
        var (op, operand) = (map.Entries[0].Key, map.Entries[0].Value);
        if (!RunbookGrammar.MatchOperators.Contains(op.Text, StringComparer.Ordinal))
        {
            diagnostics.Add(RuleCodes.BadMatcher, op.Span, $"{path}.{op.Text}",
                $"unknown match operator '{op.Text}'{Suggestions.Hint(op.Text, RunbookGrammar.MatchOperators)}; allowed operators: {Messages.List(RunbookGrammar.MatchOperators)}");
            return null;
        }
        if (operand is not YamlScalarNode { Value: not null } text)
        {
            diagnostics.Add(RuleCodes.BadMatcher, operand.Span, $"{path}.{op.Text}", $"the value of '{op.Text}' is a string, got {operand.KindName}");
            return null;
        }
        if (Template(text, $"{path}.{op.Text}"))
        {
            return null;
        }
        var kind = op.Text switch
        {
            "equals" => AlertTriggerOperator.Equal,
            "not" => AlertTriggerOperator.NotEqual,
            "regex" => AlertTriggerOperator.Regex,
            _ => AlertTriggerOperator.NotRegex,
        };
        Regex? pattern = null;
        if (kind is AlertTriggerOperator.Regex or AlertTriggerOperator.NotRegex)
        {
            try
            {
                _ = new Regex(text.Text, RegexOptions.CultureInvariant, AlertTriggerMatcher.RegexTimeout);
                // Anchored like Prometheus matchers: "web-[0-9]+" must be the whole value, not a part of it.
                pattern = new Regex($"\\A(?:{text.Text})\\z", RegexOptions.CultureInvariant, AlertTriggerMatcher.RegexTimeout);
            }
            catch (ArgumentException ex)
            {
                diagnostics.Add(RuleCodes.BadMatcher, RunbookBinder.ContentSpan(text), $"{path}.{op.Text}", $"'{text.Text}' is not a valid regular expression: {ex.Message}");
                return null;
            }
        }
        return new AlertTriggerMatcher { Label = label, Operator = kind, Value = text.Text, Pattern = pattern };
    }

    private bool Template(YamlScalarNode scalar, string path)
    {
        if (scalar.Value is string s && YamlShapeChecker.IsTemplate(s))
        {
            diagnostics.Add(RuleCodes.BadMatcher, RunbookBinder.ContentSpan(scalar), path,
                "a label matcher is written out literally; templates are not rendered in match");
            return true;
        }
        return false;
    }

    /// <summary>
    /// Each name is a declared parameter; literals are checked now like <c>-p</c> values, templates when an alert
    /// fills them (a value that does not fit then is a rejected decision, not a run).
    /// </summary>
    private List<KeyValuePair<string, TemplateValue>> BindParams(YamlMappingNode? given, YamlMappingNode trigger, string path, string runbook,
        IReadOnlyList<ParameterDefinition> parameters)
    {
        var values = new List<KeyValuePair<string, TemplateValue>>();
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
            if (parameter.Type == ValueKind.Secret)
            {
                diagnostics.Add(RuleCodes.BadParameterValue, entry.Value.Span, at,
                    $"parameter '{name}' is a secret, and an alert must not choose a secret; read it in the runbook with {{{{ secrets.<name> }}}} instead");
                continue;
            }
            var value = RunbookBinder.ToTemplateValue(entry.Value, at);
            if (value is LiteralValue literal && ParameterValues.Check(parameter, literal.Value, out _) is { } problem)
            {
                diagnostics.Add(RuleCodes.BadParameterValue, entry.Value.Span, at, $"parameter '{name}': {problem}");
                continue;
            }
            if (value is ListValue or MapValue)
            {
                diagnostics.Add(RuleCodes.BadParameterValue, entry.Value.Span, at,
                    $"parameter '{name}': an alert trigger's parameter is one value or one template, got a {(value is ListValue ? "list" : "map")}");
                continue;
            }
            values.Add(new(name, value));
        }
        foreach (var parameter in parameters.Where(p => p.Required && p.Default is null && given?.Get(p.Name) is null))
        {
            diagnostics.Add(RuleCodes.MissingParameter, (given ?? trigger).Span, path,
                $"parameter '{parameter.Name}' ({ValueKindNames.Name(parameter.Type)}) is required and has no default; give it in the trigger's params, e.g. {parameter.Name}: \"{{{{ alert.labels.<label> }}}}\"");
        }
        return values;
    }
}
