namespace Runbooks.Core.Validation;

/// <summary>Finds the closest known name to a misspelt one, for "did you mean" hints.</summary>
internal static class Suggestions
{
    /// <summary>The closest candidate within a small edit distance, or null.</summary>
    public static string? Closest(string name, IEnumerable<string> candidates)
    {
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(name.ToLowerInvariant(), candidate.ToLowerInvariant());
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }
        var threshold = Math.Max(1, Math.Min(3, name.Length / 3));
        return bestDistance <= threshold ? best : null;
    }

    /// <summary>" (did you mean 'x'?)" or "".</summary>
    public static string Hint(string name, IEnumerable<string> candidates) =>
        Closest(name, candidates) is { } match ? $" (did you mean '{match}'?)" : "";

    private static int Distance(string a, string b)
    {
        // Optimal string alignment distance: a transposition ("retyr" for "retry") counts as one edit.
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++) { d[i, 0] = i; }
        for (var j = 0; j <= b.Length; j++) { d[0, j] = j; }
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }
        return d[a.Length, b.Length];
    }
}
