using Runbooks.Core.Actions;
using Runbooks.Core.Diagnostics;
using Runbooks.Core.Model;
using Runbooks.Core.Shapes;
using Runbooks.Core.Templates;

namespace Runbooks.Core.Validation;

/// <summary>
/// The rules that need the whole runbook: actions exist and get the inputs they declare, templates parse and read
/// only what exists and has run by then, untrusted values reach shell strings only quoted, sub-runbooks exist and
/// do not call each other in a cycle. Every problem is reported; none stops the others from being found.
/// </summary>
internal sealed class RunbookValidator
{
    private readonly RunbookDefinition _runbook;
    private readonly ActionRegistry _actions;
    private readonly ITemplateEngine _templates;
    private readonly DiagnosticBag _diagnostics;
    private readonly Func<string, TemplateValue, RunbookDefinition?> _loadSubRunbook;
    private readonly Dictionary<string, StepDefinition> _steps = new(StringComparer.Ordinal);
    private readonly ReferenceChecker _references;

    public RunbookValidator(RunbookDefinition runbook, ActionRegistry actions, ITemplateEngine templates, DiagnosticBag diagnostics,
        Func<string, TemplateValue, RunbookDefinition?> loadSubRunbook)
    {
        _runbook = runbook;
        _actions = actions;
        _templates = templates;
        _diagnostics = diagnostics;
        _loadSubRunbook = loadSubRunbook;
        foreach (var step in runbook.AllSteps())
        {
            _steps.TryAdd(step.Id, step);
        }
        _references = new ReferenceChecker(runbook, _steps, diagnostics, this);
    }

    public void Validate()
    {
        var roots = new HashSet<string>(StepMembers.BaseRoots, StringComparer.Ordinal);
        ValidateTargets(_runbook.Targets, "targets", roots);
        foreach (var schedule in _runbook.Triggers.OfType<ScheduleTrigger>())
        {
            if (schedule.Targets is { } overridden)
            {
                ValidateTargets(overridden, $"{schedule.Path}.targets", roots);
            }
        }
        foreach (var alert in _runbook.Triggers.OfType<AlertTrigger>())
        {
            ValidateAlertTrigger(alert);
        }
        var main = ValidateSequence(_runbook.Steps, new HashSet<string>(StringComparer.Ordinal), roots);
        var failureRoots = new HashSet<string>(roots, StringComparer.Ordinal) { "error" };
        var afterFailure = ValidateSequence(_runbook.OnFailure, main, failureRoots);
        ValidateSequence(_runbook.Finally, afterFailure, failureRoots);
        foreach (var (name, value) in _runbook.Outputs)
        {
            CheckValue(value, new TemplateSite(main, roots, null, false, value.Span, value.Path));
        }
    }

    /// <summary>An alert trigger's params read only the alert (nothing else exists when it is matched); verify names a step.</summary>
    private void ValidateAlertTrigger(AlertTrigger alert)
    {
        var alertRoots = new HashSet<string>(["alert"], StringComparer.Ordinal);
        foreach (var (_, value) in alert.Params)
        {
            CheckValue(value, new TemplateSite(new HashSet<string>(StringComparer.Ordinal), alertRoots, null, false, value.Span, value.Path));
        }
        if (alert.Verify is { } verify && !_steps.ContainsKey(verify))
        {
            _diagnostics.Add(RuleCodes.UnknownStep, alert.VerifySpan, $"{alert.Path}.verify",
                $"unknown step '{verify}'{Suggestions.Hint(verify, _steps.Keys)}; verify names the step that checks the fix; steps: {Messages.List(_steps.Keys)}");
        }
    }

    /// <summary>The runbook's targets, or a schedule's override: host templates, the selector, the health checks.</summary>
    private void ValidateTargets(TargetsDefinition targets, string path, IReadOnlySet<string> roots)
    {
        // Targets resolve before any step runs: they may read parameters, the run and the alert, nothing else.
        var targetRoots = new HashSet<string>(["params", "run", "alert"], StringComparer.Ordinal);
        foreach (var host in targets.Hosts)
        {
            CheckValue(host, new TemplateSite(new HashSet<string>(StringComparer.Ordinal), targetRoots, null, false, host.Span, host.Path));
        }
        if (targets.Selector is { } selector)
        {
            try
            {
                _ = Inventory.LabelSelector.Parse(selector);
            }
            catch (FormatException ex)
            {
                _diagnostics.Add(RuleCodes.BadSelector, targets.Span, $"{path}.selector", ex.Message);
            }
        }
        // Health checks run on this machine between batches: they see the rollout, not the hosts' steps.
        ValidateSequence(targets.Strategy.HealthCheck, new HashSet<string>(StringComparer.Ordinal),
            new HashSet<string>(roots, StringComparer.Ordinal) { "rollout" });
    }

    /// <summary>Checks steps in order; returns the steps visible after the sequence.</summary>
    private HashSet<string> ValidateSequence(IReadOnlyList<StepDefinition> steps, IReadOnlySet<string> visibleBefore, IReadOnlySet<string> roots)
    {
        var visible = new HashSet<string>(visibleBefore, StringComparer.Ordinal);
        foreach (var step in steps)
        {
            ValidateStep(step, visible, roots);
            visible.Add(step.Id);
            if (step.Kind == StepKind.Parallel)
            {
                // Branches finish before the group does, so later steps may read them.
                foreach (var inner in Descendants(step.Steps))
                {
                    visible.Add(inner);
                }
            }
        }
        return visible;
    }

    private void ValidateStep(StepDefinition step, IReadOnlySet<string> visible, IReadOnlySet<string> roots)
    {
        if (step.If is { } condition)
        {
            CheckExpression(condition, new TemplateSite(visible, roots, step.Id, false, step.IfSpan, $"{step.Path}.if"));
        }
        var innerRoots = roots;
        if (step.ForEach is { } loop)
        {
            CheckValue(loop.Items, new TemplateSite(visible, roots, step.Id, false, loop.Items.Span, loop.Items.Path));
            innerRoots = new HashSet<string>(roots, StringComparer.Ordinal) { loop.As, "index" };
        }
        if (step.Retry?.When is { } when)
        {
            CheckExpression(when, new TemplateSite(visible, new HashSet<string>(innerRoots, StringComparer.Ordinal) { "attempt" }, step.Id, false, step.Retry.WhenSpan, $"{step.Path}.retry.when"));
        }
        if (step.Action is { } actionName)
        {
            ValidateAction(step, actionName, visible, innerRoots);
        }
        var resultRoots = new HashSet<string>(innerRoots, StringComparer.Ordinal) { "result" };
        foreach (var (_, value) in step.Outputs)
        {
            CheckValue(value, new TemplateSite(visible, resultRoots, step.Id, false, value.Span, value.Path));
        }
        switch (step.Kind)
        {
            case StepKind.ForEach:
                ValidateSequence(step.Steps, visible, innerRoots);
                break;
            case StepKind.Parallel:
                foreach (var branch in step.Steps)
                {
                    // A branch sees what ran before the group, never its sibling branches.
                    ValidateSequence([branch], visible, roots);
                }
                break;
        }
        if (step.OnFailure.Count > 0)
        {
            var handlerVisible = new HashSet<string>(visible, StringComparer.Ordinal) { step.Id };
            ValidateSequence(step.OnFailure, handlerVisible, new HashSet<string>(innerRoots, StringComparer.Ordinal) { "error" });
        }
    }

    private void ValidateAction(StepDefinition step, string actionName, IReadOnlySet<string> visible, IReadOnlySet<string> roots)
    {
        if (!_actions.TryGet(actionName, out var action))
        {
            _diagnostics.Add(RuleCodes.UnknownAction, step.ActionSpan, $"{step.Path}.action",
                $"unknown action '{actionName}'{Suggestions.Hint(actionName, _actions.Names)}; available actions: {Messages.List(_actions.Names)}");
            return;
        }
        var descriptor = action.Descriptor;
        var with = step.With ?? new MapValue([], step.Span, $"{step.Path}.with");
        CheckInputs(with, descriptor.Inputs);
        foreach (var (key, value) in with.Entries)
        {
            var shell = descriptor.ShellStringInputs.Contains(key, StringComparer.Ordinal);
            CheckValue(value, new TemplateSite(visible, roots, step.Id, shell, value.Span, value.Path));
        }
        if (actionName == "runbook" && with.Get("path") is LiteralValue { Value: string path } pathValue)
        {
            _loadSubRunbook(path, pathValue);
        }
    }

    /// <summary>Checks literal inputs against the action's shape; templates are checked after they render.</summary>
    private void CheckInputs(MapValue with, ValueShape shape)
    {
        var allowed = shape.Fields.Select(f => f.Name).ToList();
        foreach (var (key, value) in with.Entries)
        {
            if (shape.Field(key) is not { } field)
            {
                _diagnostics.Add(RuleCodes.UnknownKey, with.KeySpan(key, value), $"{with.Path}.{key}", Messages.UnknownKey(key, allowed));
                continue;
            }
            CheckLiteral(value, field.Shape);
        }
        foreach (var field in shape.Fields.Where(f => f.Required && with.Get(f.Name) is null))
        {
            _diagnostics.Add(RuleCodes.MissingKey, with.Span, with.Path, Messages.MissingKey(field.Name));
        }
        foreach (var group in shape.ExactlyOneOf)
        {
            var present = group.Where(k => with.Get(k) is not null and not LiteralValue { Value: null }).ToList();
            if (present.Count != 1)
            {
                _diagnostics.Add(RuleCodes.ExactlyOne, with.Span, with.Path, Messages.ExactlyOne(present.Count == 0 ? group : present, present.Count));
            }
        }
    }

    private void CheckLiteral(TemplateValue value, ValueShape shape)
    {
        switch (value)
        {
            case TemplateText when !shape.TemplateAllowed:
                _diagnostics.Add(RuleCodes.WrongType, value.Span, value.Path,
                    $"this input must be written out literally, not as a template: a value from a parameter or an alert must not choose it (expected {Messages.KindPhrase(shape)})");
                return;
            case TemplateText:
                return;
            case LiteralValue literal:
                Report(InputValues.Coerce(shape, literal.Value, literal.Path, out _), literal);
                return;
            case ListValue list when shape.Kind == ValueKind.List:
                if (shape.Items is { } items)
                {
                    foreach (var item in list.Items)
                    {
                        CheckLiteral(item, items);
                    }
                }
                return;
            case MapValue map when shape.Kind == ValueKind.Object:
                CheckInputs(map, shape);
                return;
            case MapValue map when shape.Kind == ValueKind.Map:
                if (shape.Values is { } values)
                {
                    foreach (var (_, item) in map.Entries)
                    {
                        CheckLiteral(item, values);
                    }
                }
                return;
            case ListValue or MapValue when shape.Kind is not ValueKind.Any:
                var got = value is ListValue ? "a list" : "a map";
                _diagnostics.Add(RuleCodes.WrongType, value.Span, value.Path, Messages.WrongType(shape, got));
                return;
        }
    }

    private void Report(InputError? error, TemplateValue at)
    {
        if (error is not null)
        {
            _diagnostics.Add(error.Code, at.Span, error.Path.Length == 0 ? at.Path : error.Path, error.Message);
        }
    }

    private void CheckValue(TemplateValue value, TemplateSite site)
    {
        switch (value)
        {
            case TemplateText text:
                CheckTemplate(text.Text, TemplateKind.Text, site with { Span = text.Span, Path = text.Path, BlockIndent = text.BlockIndent });
                break;
            case ListValue list:
                foreach (var item in list.Items)
                {
                    CheckValue(item, site);
                }
                break;
            case MapValue map:
                foreach (var (_, item) in map.Entries)
                {
                    CheckValue(item, site);
                }
                break;
        }
    }

    private void CheckExpression(string expression, TemplateSite site) => CheckTemplate(expression, TemplateKind.Expression, site);

    private void CheckTemplate(string source, TemplateKind kind, TemplateSite site)
    {
        CompiledTemplate compiled;
        try
        {
            compiled = _templates.Compile(source, kind);
        }
        catch (TemplateException ex)
        {
            _diagnostics.Add(RuleCodes.TemplateSyntax, At(site, ex.Line, ex.Column), site.Path, ex.Message);
            return;
        }
        var shadowed = compiled.Locals.Where(StepMembers.AllRoots.Contains).Order(StringComparer.Ordinal).ToList();
        if (shadowed.Count > 0)
        {
            _diagnostics.Add(RuleCodes.UnknownVariable, site.Span, site.Path,
                $"the template redefines {string.Join(", ", shadowed.Select(n => $"'{n}'"))}, which Runbooks provides; choose another name for the local variable");
        }
        if (site.IsShellString && compiled.Locals.Count > 0)
        {
            _diagnostics.Add(RuleCodes.UnquotedShellValue, site.Span, site.Path,
                $"a shell string may not define template variables ({string.Join(", ", compiled.Locals.Order(StringComparer.Ordinal))}): what flows through them cannot be checked for quoting; compute the value in a 'set' step, then use {{{{ steps.<id>.outputs.<name> | shell.quote }}}}");
        }
        if (site.IsShellString && (compiled.HasControlFlow || compiled.PrintsShellSyntax))
        {
            _diagnostics.Add(RuleCodes.UnquotedShellValue, site.Span, site.Path,
                "a shell string may only insert values: no if/for/case, no ?: and no literals holding quotes, $, backslashes, backticks, ;, &, |, <, >, parentheses, # or line breaks inside {{ }} (they could open or close a shell quote the validator cannot see); write that syntax in the script itself, or decide with the step's if:");
        }
        if (site.IsShellString)
        {
            foreach (var (hole, where) in ShellQuoteContext.MisplacedQuotedValues(source, compiled.References))
            {
                _diagnostics.Add(RuleCodes.UnquotedShellValue, At(site, hole.Line, hole.Column), site.Path,
                    $"'{hole.Dotted}' is quoted with shell.quote but stands {where}; put {{{{ {hole.Dotted} | shell.quote }}}} outside any quotes, or pass the value in 'args' or 'stdin'");
            }
        }
        foreach (var reference in compiled.References)
        {
            _references.Check(reference, site, At(site, reference.Line, reference.Column));
        }
    }

    internal IReadOnlyList<string>? KnownOutputs(StepDefinition step)
    {
        if (step.Kind == StepKind.ForEach)
        {
            return StepMembers.ForEachOutputs;
        }
        if (step.Kind == StepKind.Parallel || step.Action is null || !_actions.TryGet(step.Action, out var action))
        {
            return step.Kind == StepKind.Parallel ? [] : null;
        }
        var outputs = action.Descriptor.Outputs.Select(o => o.Name).Concat(step.Outputs.Select(o => o.Key));
        switch (step.Action)
        {
            case "set":
                // set's outputs are the keys it is given; unknown when they come from a template.
                if (step.With?.Get("values") is MapValue values)
                {
                    return [.. outputs.Concat(values.Entries.Select(e => e.Key)).Distinct(StringComparer.Ordinal)];
                }
                return null;
            case "runbook":
                if (step.With?.Get("path") is LiteralValue { Value: string path } pathValue && _loadSubRunbook(path, pathValue) is { } child)
                {
                    return [.. outputs.Concat(child.Outputs.Select(o => o.Key)).Distinct(StringComparer.Ordinal)];
                }
                return null;
        }
        return [.. outputs.Distinct(StringComparer.Ordinal)];
    }

    // A position inside a template, in the file: the first line continues where the template starts; later lines
    // start at the block's indentation (0 for flow scalars).
    private static SourceSpan At(TemplateSite site, int line, int column) =>
        line <= 1
            ? site.Span with { Column = site.Span.Column + Math.Max(0, column - 1) }
            : site.Span with { Line = site.Span.Line + line - 1, Column = column + site.BlockIndent };

    private static IEnumerable<string> Descendants(IReadOnlyList<StepDefinition> steps)
    {
        foreach (var step in steps)
        {
            yield return step.Id;
            if (step.Kind != StepKind.ForEach)
            {
                foreach (var inner in Descendants(step.Steps))
                {
                    yield return inner;
                }
            }
        }
    }
}
