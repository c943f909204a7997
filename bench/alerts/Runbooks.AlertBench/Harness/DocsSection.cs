namespace Runbooks.AlertBench.Harness;

/// <summary>Replaces the generated part of docs/performance.md, between <c>&lt;!-- alerts:begin --&gt;</c> and <c>&lt;!-- alerts:end --&gt;</c>.</summary>
internal static class DocsSection
{
    private const string Begin = "<!-- alerts:begin -->";
    private const string End = "<!-- alerts:end -->";

    public static string Write(string markdown)
    {
        var docs = Path.Combine(RepositoryRoot(), "docs", "performance.md");
        var text = File.ReadAllText(docs);
        var begin = text.IndexOf(Begin, StringComparison.Ordinal);
        var end = text.IndexOf(End, StringComparison.Ordinal);
        if (begin < 0 || end < begin)
        {
            throw new InvalidOperationException($"{docs} has no {Begin} … {End} markers to write between");
        }
        File.WriteAllText(docs, text[..(begin + Begin.Length)] + "\n" + markdown + text[end..]);
        return docs;
    }

    /// <summary>The folder with Runbooks.sln above this executable.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Runbooks.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("the repository root (Runbooks.sln) is not above this executable");
    }
}
