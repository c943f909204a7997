using Runbooks.Core.Model;
using Runbooks.Core.Templates;

namespace Runbooks.Core.Engine;

/// <summary>
/// Renders runbook values in a run: templates through the sandboxed engine, literals as written. What a template
/// yields is data and is never rendered again. Errors name the file position and key of the template.
/// </summary>
internal static class Renderer
{
    public static object? Render(RunContext run, TemplateValue value, Frame frame) => value switch
    {
        LiteralValue literal => literal.Value,
        TemplateText text => Evaluate(run, text.Text, TemplateKind.Text, frame, $"{text.Span}: {text.Path}"),
        ListValue list => list.Items.Select(item => Render(run, item, frame)).ToList(),
        MapValue map => Map(run, map, frame),
        _ => null,
    };

    public static Dictionary<string, object?> Map(RunContext run, MapValue map, Frame frame)
    {
        var result = new Dictionary<string, object?>(map.Entries.Count, StringComparer.Ordinal);
        foreach (var (key, item) in map.Entries)
        {
            result[key] = Render(run, item, frame);
        }
        return result;
    }

    public static object? Evaluate(RunContext run, string source, TemplateKind kind, Frame frame, string where)
    {
        try
        {
            var compiled = run.Services.Templates.Compile(source, kind);
            return run.Services.Templates.Evaluate(compiled, run.Scope(compiled, frame), run.Cancellation);
        }
        catch (TemplateException ex)
        {
            throw new RunbooksException(run.Masker.Apply($"{where}: {ex.Message}"), ex);
        }
    }

    public static bool Condition(RunContext run, string expression, Frame frame, string where) =>
        Truthiness.IsTrue(Evaluate(run, expression, TemplateKind.Expression, frame, where));
}
