using Runbooks.Core.Model;
using Runbooks.Core.Templates;

namespace Runbooks.Core.Engine;

/// <summary>Every template and expression written in a runbook (to find the secrets it needs before it starts).</summary>
internal static class TemplateSources
{
    public static IEnumerable<(string Source, TemplateKind Kind)> All(RunbookDefinition runbook)
    {
        foreach (var step in runbook.AllSteps())
        {
            if (step.If is { } condition) { yield return (condition, TemplateKind.Expression); }
            if (step.Retry?.When is { } when) { yield return (when, TemplateKind.Expression); }
            if (step.With is { } with) { foreach (var t in Texts(with)) { yield return t; } }
            if (step.ForEach is { } loop) { foreach (var t in Texts(loop.Items)) { yield return t; } }
            foreach (var (_, value) in step.Outputs) { foreach (var t in Texts(value)) { yield return t; } }
        }
        foreach (var host in runbook.Targets.Hosts) { foreach (var t in Texts(host)) { yield return t; } }
        foreach (var (_, value) in runbook.Outputs) { foreach (var t in Texts(value)) { yield return t; } }
    }

    private static IEnumerable<(string, TemplateKind)> Texts(TemplateValue value) =>
        value.Templates().Select(t => (t.Text, TemplateKind.Text));
}
