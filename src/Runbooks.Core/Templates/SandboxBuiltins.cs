using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Runbooks.Core.Templates;

/// <summary>
/// The builtin functions every render sees, built once and shared read-only by all renders (as Scriban shares its
/// own defaults): Scriban's builtins minus those that turn text into a template, plus <c>shell.quote</c>.
/// </summary>
internal static class SandboxBuiltins
{
    // object.eval / object.eval_template parse a string as a template (data would become code); object.to_json
    // expands shared sub-objects without a size guard (o = {a: o, b: o} forty times is 2^40 nodes).
    private static readonly HashSet<string> Removed = new(StringComparer.Ordinal)
    {
        "object.eval",
        "object.eval_template",
        "object.to_json",
    };


    public static ScriptObject Instance { get; } = Create();

    /// <summary>Root names that are builtins rather than variables, e.g. <c>string</c>, <c>shell</c>, <c>for</c>.</summary>
    public static IReadOnlySet<string> Names { get; } = new HashSet<string>(
        Instance.Keys.Concat(["for", "while", "tablerow"]),
        StringComparer.Ordinal);

    private static ScriptObject Create()
    {
        var defaults = new TemplateContext().BuiltinObject;
        var root = new ScriptObject();
        foreach (var (name, value) in defaults)
        {
            root.SetValue(name, value switch
            {
                _ when name is "include" or "include_join" => new DisabledFunction(
                    $"`{name}` is not available in runbook templates: a template cannot load another template. Put the text in the runbook itself."),
                ScriptObject ns => Namespace(name, ns),
                IScriptCustomFunction function => new BoundedFunction(function),
                _ => value,
            }, readOnly: true);
        }

        var shell = new StrictScriptObject("shell", 1);
        shell.Import("quote", new Func<TemplateContext, SourceSpan, object?, string>(Quote));
        shell.IsReadOnly = true;
        root.SetValue("shell", shell, readOnly: true);
        root.IsReadOnly = true;
        return root;
    }

    private static StrictScriptObject Namespace(string name, ScriptObject functions)
    {
        var result = new StrictScriptObject(name, functions.Count);
        foreach (var (member, value) in functions)
        {
            if (Removed.Contains(name + "." + member))
            {
                continue;
            }
            result.SetValue(member, value is IScriptCustomFunction function ? new BoundedFunction(function) : value, readOnly: true);
        }
        result.IsReadOnly = true;
        return result;
    }

    private static string Quote(TemplateContext context, SourceSpan span, object? value)
    {
        var text = value as string ?? context.ObjectToString(value) ?? string.Empty;
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            throw new ScriptRuntimeException(span, "shell.quote: " + ShellQuoting.NulMessage);
        }
        return ShellQuoting.Quote(text);
    }
}
