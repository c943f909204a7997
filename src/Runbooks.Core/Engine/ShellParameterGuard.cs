using System.Runtime.CompilerServices;
using Runbooks.Core.Actions;
using Runbooks.Core.Diagnostics;
using Runbooks.Core.Model;
using Runbooks.Core.Shapes;
using Runbooks.Core.Templates;

namespace Runbooks.Core.Engine;

/// <summary>
/// Defence in depth for the shell-string rule (RB0307). A parameter constrained by <c>allowed</c> or <c>pattern</c> may
/// be put into a shell string unquoted, but a pattern such as <c>[A-Za-z' ]+</c> still admits a quote. So when a run
/// starts, every parameter a shell string reads unquoted must hold only characters the shell treats as plain
/// (letters, digits and <c>_ @ % + = : , . / -</c>); anything else stops the run before a step acts.
/// </summary>
internal sealed class ShellParameterGuard(ActionRegistry actions, ITemplateEngine templates)
{
    private static readonly System.Buffers.SearchValues<char> Plain =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_@%+=:,./-");

    private readonly ConditionalWeakTable<RunbookDefinition, Dictionary<string, string>> _unquoted = [];

    public void Check(RunbookDefinition runbook, IReadOnlyDictionary<string, object?> values)
    {
        var diagnostics = new DiagnosticBag();
        foreach (var (name, where) in _unquoted.GetValue(runbook, Find))
        {
            if (values.GetValueOrDefault(name) is not { } value || runbook.Parameter(name) is not { } parameter)
            {
                continue;
            }
            var text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
            if (text.Length > 0 && !text.AsSpan().ContainsAnyExcept(Plain))
            {
                continue;
            }
            var shown = parameter.Type == ValueKind.Secret ? "the value" : $"'{text}'";
            diagnostics.Add(RuleCodes.BadParameterValue, parameter.Span, $"parameters.{name}",
                $"parameter '{name}' goes unquoted into a shell string ({where}), so it may only hold letters, digits and _ @ % + = : , . / - (and not be empty); {shown} does not. Quote it there with | shell.quote to accept any value");
        }
        if (diagnostics.HasErrors)
        {
            throw new RunbookValidationException(diagnostics.Items);
        }
    }

    private Dictionary<string, string> Find(RunbookDefinition runbook)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var step in runbook.AllSteps())
        {
            if (step.Action is null || step.With is null || !actions.TryGet(step.Action, out var action))
            {
                continue;
            }
            foreach (var input in action.Descriptor.ShellStringInputs)
            {
                if (step.With.Get(input) is not { } value)
                {
                    continue;
                }
                foreach (var text in value.Templates())
                {
                    foreach (var reference in templates.Compile(text.Text, TemplateKind.Text).References)
                    {
                        if (reference is { Root: "params", Quoted: false } && reference.Path.Count > 1)
                        {
                            found.TryAdd(reference.Path[1], text.Path);
                        }
                    }
                }
            }
        }
        return found;
    }
}
