using System.Text.RegularExpressions;

namespace Runbooks.Cli.Tests.TestSupport;

/// <summary>
/// Asserts output lines exactly, except for what changes from run to run. In an expected line, <c>&lt;id&gt;</c>
/// stands for a run id, <c>&lt;n&gt;</c> for a number, and <c>&lt;dur&gt;</c> for a summary-table duration
/// (<c>86ms</c>, <c>1s300ms</c>) together with the padding after it; everything else is literal.
/// </summary>
internal static class LinePattern
{
    public static Regex For(string expected)
    {
        var pattern = Regex.Escape(expected)
            .Replace("<id>", "[0-9a-f]{32}", StringComparison.Ordinal)
            .Replace("<n>", "[0-9]+", StringComparison.Ordinal)
            .Replace("<dur>", "[0-9][0-9.hms]* *", StringComparison.Ordinal);
        return new Regex($"^{pattern}$", RegexOptions.CultureInvariant);
    }

    /// <summary>The lines are exactly these, in this order.</summary>
    public static void AssertLines(IReadOnlyList<string> actual, params string[] expected)
    {
        var mismatch = expected.Length != actual.Count
            ? $"expected {expected.Length} lines, got {actual.Count}"
            : expected.Zip(actual).Select((pair, i) => For(pair.First).IsMatch(pair.Second) ? null : $"line {i + 1} does not match").FirstOrDefault(m => m is not null);
        Assert.True(mismatch is null, $"{mismatch}\n--- expected ---\n{string.Join('\n', expected)}\n--- actual ---\n{string.Join('\n', actual)}");
    }

    /// <summary>These lines appear, in this order, possibly with other lines between them.</summary>
    public static void AssertContainsInOrder(IReadOnlyList<string> actual, params string[] expected)
    {
        var at = 0;
        foreach (var line in expected)
        {
            var regex = For(line);
            while (at < actual.Count && !regex.IsMatch(actual[at]))
            {
                at++;
            }
            Assert.True(at < actual.Count, $"missing (in order): {line}\n--- actual ---\n{string.Join('\n', actual)}");
            at++;
        }
    }
}
