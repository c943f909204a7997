namespace Runbooks.Core.Diagnostics;

/// <summary>
/// Where something stands in a runbook file: 1-based line and column, as editors count them.
/// </summary>
/// <param name="File">The file path as the operator gave it, or a label such as <c>&lt;api&gt;</c>.</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
public readonly record struct SourceSpan(string File, int Line, int Column)
{
    /// <summary>A span for values that do not come from a file (CLI parameters, API bodies).</summary>
    public static SourceSpan None(string label) => new(label, 0, 0);

    /// <summary>Formats as <c>file:line:column</c>, the form compilers and editors understand.</summary>
    public override string ToString() => Line > 0 ? $"{File}:{Line}:{Column}" : File;
}
