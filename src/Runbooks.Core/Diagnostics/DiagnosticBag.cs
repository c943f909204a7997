namespace Runbooks.Core.Diagnostics;

/// <summary>Collects every problem so that all of them are reported at once, in file order.</summary>
public sealed class DiagnosticBag
{
    private readonly List<Diagnostic> _items = [];

    /// <summary>The problems found so far.</summary>
    public IReadOnlyList<Diagnostic> Items => _items;

    /// <summary>True when at least one problem was found.</summary>
    public bool HasErrors => _items.Count > 0;

    /// <summary>Adds a problem.</summary>
    public void Add(string code, SourceSpan span, string path, string message) =>
        _items.Add(new Diagnostic(code, span, path, message));

    /// <summary>Adds problems found elsewhere (a sub-runbook, a template).</summary>
    public void AddRange(IEnumerable<Diagnostic> diagnostics) => _items.AddRange(diagnostics);

    /// <summary>The problems sorted by file, line and column.</summary>
    public IReadOnlyList<Diagnostic> Sorted() =>
        [.. _items.OrderBy(d => d.Span.File, StringComparer.Ordinal).ThenBy(d => d.Span.Line).ThenBy(d => d.Span.Column)];
}
