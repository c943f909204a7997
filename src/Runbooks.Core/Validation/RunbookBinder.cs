using System.Globalization;
using System.Text.RegularExpressions;
using Runbooks.Core.Diagnostics;
using Runbooks.Core.Language;
using Runbooks.Core.Model;
using Runbooks.Core.Shapes;
using Runbooks.Core.Yaml;

namespace Runbooks.Core.Validation;

/// <summary>
/// Turns a checked YAML tree into a <see cref="RunbookDefinition"/>. Grammar errors (unknown keys, types, enums,
/// durations) are reported by <see cref="YamlShapeChecker"/>; the binder adds structural rules (what makes a step,
/// duplicate ids, parameter definitions) and keeps going after each error so that all are reported.
/// </summary>
internal sealed class RunbookBinder
{
    private readonly string _file;
    private readonly DiagnosticBag _diagnostics;
    private readonly YamlShapeChecker _checker;
    private readonly Dictionary<string, SourceSpan> _stepIds = new(StringComparer.Ordinal);
    private readonly TriggerBinder _triggers;

    /// <param name="file">Labels diagnostics.</param>
    /// <param name="diagnostics">Where every problem goes.</param>
    /// <param name="maintenanceWindows">The configured window names, or null when unknown (window names are then not checked).</param>
    public RunbookBinder(string file, DiagnosticBag diagnostics, IReadOnlySet<string>? maintenanceWindows = null)
    {
        _file = file;
        _diagnostics = diagnostics;
        _checker = new YamlShapeChecker(diagnostics);
        _triggers = new TriggerBinder(diagnostics, _checker, maintenanceWindows, BindTargets);
    }

    public RunbookDefinition? Bind(YamlNode root, string contentHash)
    {
        if (root is not YamlMappingNode doc)
        {
            _diagnostics.Add(RuleCodes.WrongType, root.Span, "", $"a runbook is a map with name and steps, got {root.KindName}");
            return null;
        }
        _checker.CheckObject(doc, RunbookGrammar.Runbook, "");
        var name = Text(doc.Get("name")) ?? "";
        var parameters = BindParameters(doc.Get("parameters"));
        var definition = new RunbookDefinition
        {
            Name = name,
            Description = Text(doc.Get("description")),
            Version = Text(doc.Get("version")),
            Tags = TextList(doc.Get("tags")),
            Parameters = parameters,
            Targets = BindTargets(doc.Get("targets"), "targets"),
            Triggers = _triggers.Bind(doc.Get("triggers"), name, parameters),
            Steps = BindSteps(doc.Get("steps"), "steps"),
            OnFailure = BindSteps(doc.Get("onFailure"), "onFailure"),
            Finally = BindSteps(doc.Get("finally"), "finally"),
            Outputs = BindOutputs(doc.Get("outputs"), "outputs"),
            SourcePath = _file,
            ContentHash = contentHash,
            Span = doc.Span,
        };
        // After every step list is bound, so that each step id is known.
        CheckPositions(doc.Get("designer"));
        return definition;
    }

    /// <summary>
    /// <c>designer.positions</c> names steps: one for a step id the runbook does not have is an error (its shape was
    /// checked with the grammar). The designer drops a deleted step's position; a hand edit that renames a step is caught.
    /// </summary>
    private void CheckPositions(YamlNode? designer)
    {
        if (designer is not YamlMappingNode map || map.Get("positions") is not YamlMappingNode positions)
        {
            return;
        }
        foreach (var entry in positions.Entries.Where(e => !_stepIds.ContainsKey(e.Key.Text)))
        {
            _diagnostics.Add(RuleCodes.UnknownPositionStep, entry.Key.Span, $"designer.positions.{entry.Key.Text}",
                $"a position for step '{entry.Key.Text}', which the runbook does not have{Suggestions.Hint(entry.Key.Text, [.. _stepIds.Keys])}; " +
                (_stepIds.Count == 0 ? "it has no steps" : $"its steps: {Messages.List(_stepIds.Keys)}") + "; remove the position or rename it to the step's id");
        }
    }

    private IReadOnlyList<ParameterDefinition> BindParameters(YamlNode? node)
    {
        if (node is not YamlMappingNode map)
        {
            return [];
        }
        var result = new List<ParameterDefinition>();
        foreach (var (key, value) in map.Entries.Select(e => (e.Key, e.Value)))
        {
            var path = $"parameters.{key.Text}";
            if (!Regex.IsMatch(key.Text, "^[a-z][a-zA-Z0-9_]{0,62}$", RegexOptions.None, TimeSpan.FromSeconds(1)))
            {
                _diagnostics.Add(RuleCodes.BadName, key.Span, path,
                    $"'{key.Text}' is not a valid parameter name; start with a lowercase letter, then letters, digits or '_' (it is used as params.{key.Text})");
            }
            if (value is not YamlMappingNode definition)
            {
                continue; // reported by the grammar check of the document
            }
            var type = ValueKindNames.ParseParameterType(Text(definition.Get("type")) ?? "") ?? ValueKind.String;
            var pattern = BindPattern(definition.Get("pattern"), path);
            var parameter = new ParameterDefinition
            {
                Name = key.Text,
                Type = type,
                Description = Text(definition.Get("description")),
                Required = definition.Get("required") is YamlScalarNode { Value: true },
                Allowed = definition.Get("allowed") is YamlSequenceNode allowed ? allowed.Items.Select(Plain).ToList() : null,
                Pattern = pattern,
                PatternText = pattern is null ? null : Text(definition.Get("pattern")),
                Span = key.Span,
            };
            if (definition.Get("default") is { } defaultNode)
            {
                parameter = parameter with { Default = BindDefault(parameter, defaultNode, path) };
            }
            result.Add(parameter);
        }
        return result;
    }

    private Regex? BindPattern(YamlNode? node, string path)
    {
        if (node is not YamlScalarNode { Value: not null } scalar)
        {
            return null;
        }
        try
        {
            // Checked alone first: wrapped, "a)|(.*" would become the valid "^(?:a)|(.*)$", which matches anything.
            _ = new Regex(scalar.Text, RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            // Anchored: the whole value must match, not a substring — "[a-z]+" alone would let "web; rm -rf /" through.
            // \A and \z, not ^ and $: in .NET "$" also matches before a final newline, which would let "abc\n" through.
            return new Regex($"\\A(?:{scalar.Text})\\z", RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
        }
        catch (ArgumentException ex)
        {
            _diagnostics.Add(RuleCodes.BadPattern, scalar.Span, $"{path}.pattern", $"'{scalar.Text}' is not a valid regular expression: {ex.Message}");
            return null;
        }
    }

    private object? BindDefault(ParameterDefinition parameter, YamlNode node, string path)
    {
        var value = Plain(node);
        var problem = ParameterValues.Check(parameter, value, out var typed);
        if (problem is not null)
        {
            _diagnostics.Add(RuleCodes.BadDefault, node.Span, $"{path}.default", $"the default does not fit the parameter: {problem}");
            return null;
        }
        return typed;
    }

    private TargetsDefinition BindTargets(YamlNode? node, string path)
    {
        if (node is null)
        {
            return TargetsDefinition.Local with { IsOmitted = true };
        }
        if (node is YamlScalarNode { Value: "local" } || node is not YamlMappingNode map)
        {
            return TargetsDefinition.Local;
        }
        var strategy = new RolloutStrategy();
        if (map.Get("strategy") is YamlMappingNode s)
        {
            strategy = new RolloutStrategy
            {
                Concurrency = Text(s.Get("concurrency")) ?? "1",
                Batch = Text(s.Get("batch")),
                MaxErrors = Text(s.Get("maxErrors")) ?? "0",
                PauseBetweenBatches = Duration(s.Get("pauseBetweenBatches")) ?? TimeSpan.Zero,
                HealthCheck = BindSteps(s.Get("healthCheck"), $"{path}.strategy.healthCheck"),
            };
        }
        var hosts = map.Get("hosts") switch
        {
            YamlSequenceNode list => list.Items.Select((h, i) => ToTemplateValue(h, $"{path}.hosts[{i}]")).ToList(),
            YamlScalarNode single => [ToTemplateValue(single, $"{path}.hosts[0]")],
            _ => [],
        };
        if (hosts.Count == 0 && map.Get("groups") is null && map.Get("selector") is null)
        {
            _diagnostics.Add(RuleCodes.MissingKey, map.Span, path,
                "targets needs at least one of 'hosts', 'groups' or 'selector', or write targets: local");
        }
        return new TargetsDefinition
        {
            Hosts = hosts,
            Groups = TextList(map.Get("groups")),
            Selector = Text(map.Get("selector")),
            Strategy = strategy,
            Span = map.Span,
        };
    }

    private IReadOnlyList<StepDefinition> BindSteps(YamlNode? node, string path)
    {
        if (node is not YamlSequenceNode list)
        {
            return [];
        }
        var steps = new List<StepDefinition>();
        for (var i = 0; i < list.Items.Count; i++)
        {
            if (BindStep(list.Items[i], $"{path}[{i}]") is { } step)
            {
                steps.Add(step);
            }
        }
        return steps;
    }

    private StepDefinition? BindStep(YamlNode node, string path)
    {
        if (node is not YamlMappingNode map)
        {
            _diagnostics.Add(RuleCodes.WrongType, node.Span, path, $"a step is a map with id and action, got {node.KindName}");
            return null;
        }
        _checker.CheckObject(map, RunbookGrammar.Step, path);
        var id = Text(map.Get("id")) ?? "";
        if (id.Length > 0)
        {
            var idSpan = map.Get("id")!.Span;
            if (_stepIds.TryGetValue(id, out var first))
            {
                _diagnostics.Add(RuleCodes.DuplicateStepId, idSpan, $"{path}.id",
                    $"duplicate step id '{id}' (first used at line {first.Line}); step ids must be unique across the runbook, nested steps included");
            }
            else
            {
                _stepIds[id] = idSpan;
            }
        }
        var kind = StepKindOf(map, path);
        return new StepDefinition
        {
            Id = id,
            Name = Text(map.Get("name")),
            Kind = kind,
            Action = Text(map.Get("action")),
            ActionSpan = ContentSpan(map.Get("action")),
            With = map.Get("with") is YamlMappingNode with ? (MapValue)ToTemplateValue(with, $"{path}.with") : null,
            If = Text(map.Get("if")),
            IfSpan = ContentSpan(map.Get("if")),
            Retry = BindRetry(map.Get("retry") as YamlMappingNode),
            Timeout = Duration(map.Get("timeout")),
            ContinueOnError = map.Get("continueOnError") is YamlScalarNode { Value: true },
            Idempotent = map.Get("idempotent") is YamlScalarNode { Value: bool b } ? b : null,
            Outputs = BindOutputs(map.Get("outputs"), $"{path}.outputs"),
            ForEach = BindForEach(map.Get("forEach") as YamlMappingNode, $"{path}.forEach"),
            Steps = kind == StepKind.Parallel ? BindSteps(map.Get("parallel"), $"{path}.parallel") : BindSteps(map.Get("steps"), $"{path}.steps"),
            OnFailure = BindSteps(map.Get("onFailure"), $"{path}.onFailure"),
            Span = map.Span,
            Path = path,
        };
    }

    private StepKind StepKindOf(YamlMappingNode map, string path)
    {
        bool action = map.Get("action") is not null, forEach = map.Get("forEach") is not null,
             parallel = map.Get("parallel") is not null, steps = map.Get("steps") is not null;
        void Problem(string message) => _diagnostics.Add(RuleCodes.StepShape, map.Span, path, message);
        if (parallel && (action || forEach || steps))
        {
            Problem("a parallel group has only 'parallel' branches; move 'action', 'forEach' or 'steps' into a branch");
            return StepKind.Parallel;
        }
        if (parallel)
        {
            return StepKind.Parallel;
        }
        if (forEach)
        {
            if (action == steps)
            {
                Problem(action
                    ? "a forEach step has either 'action' (run per item) or 'steps' (a block per item), not both"
                    : "a forEach step needs 'action' (run per item) or 'steps' (a block per item)");
            }
            return StepKind.ForEach;
        }
        if (steps)
        {
            Problem("'steps' belongs to a forEach step; use 'parallel' for branches that run at the same time");
        }
        if (!action && !steps)
        {
            Problem("a step needs 'action', 'forEach' or 'parallel'");
        }
        else if (!action && map.Get("with") is not null)
        {
            Problem("'with' gives an action its inputs; this step has no 'action'");
        }
        return StepKind.Action;
    }

    private static RetryPolicy? BindRetry(YamlMappingNode? map)
    {
        if (map is null)
        {
            return null;
        }
        var policy = new RetryPolicy { Span = map.Span };
        return policy with
        {
            Attempts = map.Get("attempts") is YamlScalarNode { Value: long a } ? (int)Math.Clamp(a, 1, 100) : policy.Attempts,
            Backoff = Text(map.Get("backoff")) == "fixed" ? BackoffKind.Fixed : BackoffKind.Exponential,
            InitialDelay = Duration(map.Get("initialDelay")) ?? policy.InitialDelay,
            MaxDelay = Duration(map.Get("maxDelay")) ?? policy.MaxDelay,
            Jitter = map.Get("jitter") is YamlScalarNode { Value: long or double } j ? Math.Clamp(Convert.ToDouble(j.Value, CultureInfo.InvariantCulture), 0, 1) : 0,
            When = Text(map.Get("when")),
            WhenSpan = ContentSpan(map.Get("when")),
        };
    }

    private ForEachDefinition? BindForEach(YamlMappingNode? map, string path)
    {
        if (map?.Get("items") is not { } items)
        {
            return null;
        }
        if (map.Get("as") is YamlScalarNode { Value: string name } asNode && StepMembers.AllRoots.Contains(name))
        {
            _diagnostics.Add(RuleCodes.BadName, asNode.Span, $"{path}.as",
                $"'{name}' is a name Runbooks provides in templates and cannot name the item; choose another (e.g. host, service)");
        }
        return new ForEachDefinition
        {
            Items = ToTemplateValue(items, $"{path}.items"),
            As = Text(map.Get("as")) ?? "item",
            Concurrency = map.Get("concurrency") is YamlScalarNode { Value: long c } ? (int)Math.Clamp(c, 1, 1000) : 1,
            Span = map.Span,
        };
    }

    private static IReadOnlyList<KeyValuePair<string, TemplateValue>> BindOutputs(YamlNode? node, string path) =>
        node is YamlMappingNode map
            ? [.. map.Entries.Select(e => new KeyValuePair<string, TemplateValue>(e.Key.Text, ToTemplateValue(e.Value, $"{path}.{e.Key.Text}")))]
            : [];

    /// <summary>Converts YAML into template values: strings with <c>{{</c> become templates, everything else literal.</summary>
    internal static TemplateValue ToTemplateValue(YamlNode node, string path) => node switch
    {
        YamlScalarNode { Value: string s } scalar when YamlShapeChecker.IsTemplate(s) => new TemplateText(s, ContentSpan(node), path) { BlockIndent = scalar.BlockIndent },
        YamlScalarNode scalar => new LiteralValue(scalar.Value, node.Span, path),
        YamlSequenceNode list => new ListValue([.. list.Items.Select((item, i) => ToTemplateValue(item, $"{path}[{i}]"))], node.Span, path),
        YamlMappingNode map => new MapValue([.. map.Entries.Select(e => new KeyValuePair<string, TemplateValue>(e.Key.Text, ToTemplateValue(e.Value, $"{path}.{e.Key.Text}")))], node.Span, path)
        {
            KeySpans = map.Entries.ToDictionary(e => e.Key.Text, e => e.Key.Span, StringComparer.Ordinal),
        },
        _ => new LiteralValue(null, node.Span, path),
    };

    /// <summary>A YAML node as plain data (lists and maps included).</summary>
    internal static object? Plain(YamlNode node) => node switch
    {
        YamlScalarNode scalar => scalar.Value,
        YamlSequenceNode list => list.Items.Select(Plain).ToList(),
        YamlMappingNode map => map.Entries.ToDictionary(e => e.Key.Text, e => Plain(e.Value), StringComparer.Ordinal),
        _ => null,
    };

    /// <summary>Where a scalar's text starts: one past the opening quote of a quoted scalar.</summary>
    internal static SourceSpan ContentSpan(YamlNode? node) => node switch
    {
        YamlScalarNode { IsQuoted: true } s => s.Span with { Column = s.Span.Column + 1 },
        YamlScalarNode { ContentStart: { } start } => start,
        null => default,
        _ => node.Span,
    };

    internal static string? Text(YamlNode? node) => node is YamlScalarNode { Value: not null } s ? s.Text : null;

    private static TimeSpan? Duration(YamlNode? node) =>
        node is YamlScalarNode s && DurationParser.TryParse(s.Text, out var d) ? d : null;

    private static IReadOnlyList<string> TextList(YamlNode? node) => node switch
    {
        YamlSequenceNode list => [.. list.Items.OfType<YamlScalarNode>().Where(s => s.Value is not null).Select(s => s.Text)],
        YamlScalarNode { Value: not null } single => [single.Text],
        _ => [],
    };
}
