namespace Runbooks.Bench.Shared;

/// <summary>
/// Replaces a generated part of docs/performance.md, between <c>&lt;!-- name:begin --&gt;</c> and
/// <c>&lt;!-- name:end --&gt;</c>; shared by the benchmarks (each links this file).
/// </summary>
internal static class DocsSection
{
    public static string Write(string section, string markdown)
    {
        var (begin, end) = ($"<!-- {section}:begin -->", $"<!-- {section}:end -->");
        var docs = Path.Combine(RepositoryRoot(), "docs", "performance.md");
        var text = File.ReadAllText(docs);
        var from = text.IndexOf(begin, StringComparison.Ordinal);
        var to = text.IndexOf(end, StringComparison.Ordinal);
        if (from < 0 || to < from)
        {
            throw new InvalidOperationException($"{docs} has no {begin} … {end} markers to write between");
        }
        File.WriteAllText(docs, text[..(from + begin.Length)] + "\n" + markdown + text[to..]);
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
