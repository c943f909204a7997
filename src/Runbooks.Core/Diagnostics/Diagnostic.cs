namespace Runbooks.Core.Diagnostics;

/// <summary>
/// One problem found in a runbook. Printed as
/// <c>file:line:col: error RB0123 at steps[2].retry.backoff: 'linear' is not a backoff (allowed: fixed, exponential)</c>.
/// </summary>
/// <param name="Code">A stable code (RBnnnn) that docs/runbook-language.md explains.</param>
/// <param name="Span">Where the problem is.</param>
/// <param name="Path">The key path inside the runbook, e.g. <c>steps[2].retry.backoff</c>; empty for the document.</param>
/// <param name="Message">What is wrong and what is allowed.</param>
public sealed record Diagnostic(string Code, SourceSpan Span, string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() =>
        Path.Length == 0
            ? $"{Span}: error {Code}: {Message}"
            : $"{Span}: error {Code} at {Path}: {Message}";
}
