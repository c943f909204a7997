using Scriban.Syntax;

namespace Runbooks.Core.Templates;

/// <summary>
/// What a template could print beyond its variables, for shell strings: control flow (<c>if</c>, <c>for</c>,
/// <c>case</c> …) that prints different text on different paths, and string literals holding shell syntax (quotes,
/// <c>$</c>, backslash, backtick, line breaks). Either would let a template open or close a shell quote the
/// validator cannot see, so shell strings may contain neither.
/// </summary>
internal static class ShellShape
{
    private static readonly System.Buffers.SearchValues<char> ShellSyntax = System.Buffers.SearchValues.Create("'\"`$\\\n\r;&|<>()#");

    public static (bool HasControlFlow, bool PrintsShellSyntax) Analyze(ScriptPage page)
    {
        var controlFlow = (page.Body?.Statements ?? []).Any(s => s is not (ScriptRawStatement or ScriptExpressionStatement or ScriptEscapeStatement));
        return (controlFlow, HasShellLiteral(page));
    }

    private static bool HasShellLiteral(ScriptNode? node) => node switch
    {
        null => false,
        ScriptLiteral { Value: string text } => text.AsSpan().ContainsAny(ShellSyntax),
        ScriptConditionalExpression => true, // chooses what to print at run time, like if/else
        _ => (node.Children ?? []).Any(HasShellLiteral),
    };
}
