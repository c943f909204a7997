using System.Text.RegularExpressions;
using Scriban.Syntax;

namespace Runbooks.Core.Templates;

/// <summary>
/// Turns Scriban's runtime errors into <see cref="TemplateException"/>s an operator can act on: which variable is
/// undefined and what exists, or which <see cref="TemplateLimits"/> limit stopped the render. Scriban reports limits
/// only in its message text, so the mapping matches that text; the engine's tests pin it for each limit.
/// </summary>
internal static partial class TemplateErrors
{
    public static TemplateException FromRuntime(ScriptRuntimeException ex, TemplateLimits limits, TemplateScope scope)
    {
        var line = ex.Span.Start.Line + 1;
        var column = ex.Span.Start.Column + 1;
        var original = ex.OriginalMessage;
        string message;
        if (ex is UndefinedVariableException)
        {
            message = original;
        }
        else if (ex is ScriptAbortException || ex.InnerException is RegexMatchTimeoutException || original.Contains("Regex engine has timed out", StringComparison.Ordinal))
        {
            message = $"The template ran longer than its Timeout ({limits.Timeout.TotalSeconds:0.###}s) and was stopped. Make it do less work.";
        }
        else if (original.Contains("LoopLimit", StringComparison.Ordinal) || original.Contains("iteration limit", StringComparison.Ordinal))
        {
            message = $"The template exceeded LoopLimit ({limits.LoopLimit} loop iterations in one render) and was stopped. Loop over fewer items.";
        }
        else if (original.Contains("MaxAllocatedBytes", StringComparison.Ordinal))
        {
            message = $"The template exceeded MaxAllocatedBytes ({limits.MaxAllocatedBytes} bytes allocated in one render) and was stopped. Build fewer or smaller values.";
        }
        else if (original.Contains("recursive depth limit", StringComparison.Ordinal))
        {
            message = $"The template exceeded RecursionLimit ({limits.RecursionLimit} nested function calls) and was stopped. Check for a function that calls itself without end.";
        }
        else if (original.Contains("LimitToString", StringComparison.Ordinal) || original.Contains("OutputLimit", StringComparison.Ordinal)
            || original.Contains("Cannot allocate a buffer", StringComparison.Ordinal))
        {
            message = $"The template exceeded MaxOutputChars ({limits.MaxOutputChars} characters in its output or in any one string) and was stopped. Produce less text.";
        }
        else if (UndefinedVariable().Match(original) is { Success: true } undefined)
        {
            var available = scope.Roots.Count == 0 ? "(none)" : string.Join(", ", scope.Roots.Keys.Order(StringComparer.Ordinal));
            message = $"Undefined variable `{undefined.Groups[1].Value}`. Available: {available}.";
        }
        else
        {
            message = original;
        }
        return new TemplateException(message, line, column, ex);
    }

    [GeneratedRegex("^The variable or function `(.+)` was not found", RegexOptions.CultureInvariant)]
    private static partial Regex UndefinedVariable();
}
