using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Runbooks.Core.Templates;

/// <summary>
/// Wraps a builtin so that a string it returns cannot exceed the render's string limit. Most Scriban builtins guard
/// their own allocations, but some (html.escape, html.url_encode) grow their input several times without a check,
/// so repeating them would double memory on every call.
/// </summary>
internal sealed class BoundedFunction(IScriptCustomFunction inner) : IScriptCustomFunction
{
    public int RequiredParameterCount => inner.RequiredParameterCount;

    public int ParameterCount => inner.ParameterCount;

    public ScriptVarParamKind VarParamKind => inner.VarParamKind;

    public Type ReturnType => inner.ReturnType;

    public ScriptParameterInfo GetParameterInfo(int index) => inner.GetParameterInfo(index);

    public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Check(context, callerContext, inner.Invoke(context, callerContext, arguments, blockStatement));
    }

    public async ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Check(context, callerContext, await inner.InvokeAsync(context, callerContext, arguments, blockStatement));
    }

    private static object? Check(TemplateContext context, ScriptNode? callerContext, object? result)
    {
        if (result is string text && context.LimitToString > 0 && text.Length > context.LimitToString)
        {
            throw new ScriptRuntimeException(
                callerContext?.Span ?? context.CurrentSpan,
                $"The resulting string length exceeds the configured LimitToString `{context.LimitToString}`.");
        }
        return result;
    }
}
