using Scriban;
using Scriban.Runtime;
using Scriban.Syntax;

namespace Runbooks.Core.Templates;

/// <summary>Stands in for a builtin the sandbox removes (<c>include</c>), so that calling it says why it is missing.</summary>
internal sealed class DisabledFunction(string message) : IScriptCustomFunction
{
    public int RequiredParameterCount => 0;

    public int ParameterCount => 0;

    public ScriptVarParamKind VarParamKind => ScriptVarParamKind.Direct;

    public Type ReturnType => typeof(object);

    public ScriptParameterInfo GetParameterInfo(int index) => new(typeof(object), "value");

    public object? Invoke(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement)
    {
        ArgumentNullException.ThrowIfNull(context);
        throw new ScriptRuntimeException(callerContext?.Span ?? context.CurrentSpan, message);
    }

    public ValueTask<object?> InvokeAsync(TemplateContext context, ScriptNode? callerContext, ScriptArray arguments, ScriptBlockStatement? blockStatement) =>
        ValueTask.FromResult<object?>(Invoke(context, callerContext, arguments, blockStatement));
}
