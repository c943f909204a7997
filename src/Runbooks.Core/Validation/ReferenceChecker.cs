using Runbooks.Core.Diagnostics;
using Runbooks.Core.Model;
using Runbooks.Core.Templates;

namespace Runbooks.Core.Validation;

/// <summary>Checks one variable a template reads: that it exists there, has run by then, and is safe where it lands.</summary>
internal sealed class ReferenceChecker(RunbookDefinition runbook, IReadOnlyDictionary<string, StepDefinition> steps, DiagnosticBag diagnostics, RunbookValidator validator)
{
    public void Check(TemplateReference reference, TemplateSite site, SourceSpan span)
    {
        var root = reference.Root;
        if (!site.Roots.Contains(root))
        {
            var hint = Suggestions.Hint(root, site.Roots);
            diagnostics.Add(RuleCodes.UnknownVariable, span, site.Path,
                $"unknown variable '{root}'{hint}; available here: {Messages.List(site.Roots.Order(StringComparer.Ordinal))}");
            return;
        }
        switch (root)
        {
            case "params" when reference.Path.Count > 1:
                CheckParameter(reference.Path[1], span, site);
                break;
            case "steps" when reference.Path.Count > 1:
                CheckStep(reference, span, site);
                break;
            case "alert" when reference.Path.Count > 1 && !Alerts.AlertFields.All.Contains(reference.Path[1], StringComparer.Ordinal):
                diagnostics.Add(RuleCodes.UnknownAlertField, span, site.Path,
                    $"an alert has no field '{reference.Path[1]}'{Suggestions.Hint(reference.Path[1], Alerts.AlertFields.All)}; its fields: {Messages.List(Alerts.AlertFields.All)}");
                break;
        }
        if (site.IsShellString && !reference.Quoted && !IsTrusted(reference))
        {
            var constrain = root == "params" ? ", or constrain the parameter with 'allowed' or 'pattern'" : "";
            diagnostics.Add(RuleCodes.UnquotedShellValue, span, site.Path,
                $"'{reference.Dotted}' is put into a shell string without quoting, so a value such as '; rm -rf /' would run as a command; " +
                $"write {{{{ {reference.Dotted} | shell.quote }}}}, pass it as an argument ('argv' or 'args') instead{constrain}");
        }
    }

    private bool IsTrusted(TemplateReference reference) => reference.Root switch
    {
        "params" when reference.Path.Count > 1 => runbook.Parameter(reference.Path[1]) is { IsShellSafe: true },
        "run" => reference.Path.Count > 1 && StepMembers.TrustedRunMembers.Contains(reference.Path[1]),
        var root => StepMembers.TrustedRoots.Contains(root),
    };

    private void CheckParameter(string name, SourceSpan span, TemplateSite site)
    {
        if (runbook.Parameter(name) is not null)
        {
            return;
        }
        var declared = runbook.Parameters.Select(p => p.Name).ToList();
        var known = declared.Count == 0 ? "this runbook declares no parameters" : $"declared parameters: {Messages.List(declared)}";
        diagnostics.Add(RuleCodes.UnknownParameter, span, site.Path, $"unknown parameter '{name}'{Suggestions.Hint(name, declared)}; {known}");
    }

    private void CheckStep(TemplateReference reference, SourceSpan span, TemplateSite site)
    {
        var id = reference.Path[1];
        if (!steps.TryGetValue(id, out var step))
        {
            diagnostics.Add(RuleCodes.UnknownStep, span, site.Path,
                $"unknown step '{id}'{Suggestions.Hint(id, steps.Keys)}; steps: {Messages.List(steps.Keys)}");
            return;
        }
        if (id == site.CurrentStep && !site.Roots.Contains("error"))
        {
            diagnostics.Add(RuleCodes.SelfReference, span, site.Path,
                $"step '{id}' reads its own result; in its 'outputs' use result.outputs, result.stdout or result.exitCode");
            return;
        }
        if (!site.VisibleSteps.Contains(id))
        {
            diagnostics.Add(RuleCodes.UnreachableStep, span, site.Path,
                $"step '{id}' has not run at this point: it comes later, runs in a parallel branch beside this one, or is inside a forEach; a step can read only steps that finish before it");
            return;
        }
        if (reference.Path.Count < 3)
        {
            return;
        }
        var member = reference.Path[2];
        if (!StepMembers.All.Contains(member, StringComparer.Ordinal))
        {
            diagnostics.Add(RuleCodes.UnknownOutput, span, site.Path,
                $"steps.{id} has no member '{member}'{Suggestions.Hint(member, StepMembers.All)}; allowed: {Messages.List(StepMembers.All)}");
            return;
        }
        if (member == "outputs" && reference.Path.Count > 3 && validator.KnownOutputs(step) is { } outputs && !outputs.Contains(reference.Path[3], StringComparer.Ordinal))
        {
            var output = reference.Path[3];
            var what = step.Action is { } a ? $"step '{id}' (action {a})" : $"step '{id}'";
            var list = outputs.Count == 0 ? "it has no outputs" : $"its outputs: {Messages.List(outputs)}";
            diagnostics.Add(RuleCodes.UnknownOutput, span, site.Path, $"{what} has no output '{output}'{Suggestions.Hint(output, outputs)}; {list}");
        }
    }
}
