using System.Globalization;

namespace Runbooks.Core.Shapes;

/// <summary>
/// Parses durations as operators write them: <c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>2h</c>, <c>1d</c>, combined as
/// <c>1h30m</c>. A bare number is not accepted: the unit is never guessed.
/// </summary>
public static class DurationParser
{
    /// <summary>What the error messages say is allowed.</summary>
    public const string AllowedForm = "a number with a unit: ms, s, m, h or d (e.g. 500ms, 30s, 5m, 1h30m), at most 24d";

    /// <summary>
    /// The longest duration accepted: timers in .NET take at most ~24.8 days, and a step that waits longer belongs to
    /// a schedule, not a step.
    /// </summary>
    public static readonly TimeSpan Max = TimeSpan.FromDays(24);

    /// <summary>Parses a duration; false when the text is not one.</summary>
    public static bool TryParse(string? text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }
        var s = text.Trim();
        var i = 0;
        var total = 0.0;
        while (i < s.Length)
        {
            var start = i;
            while (i < s.Length && (char.IsAsciiDigit(s[i]) || s[i] == '.'))
            {
                i++;
            }
            if (i == start || !double.TryParse(s.AsSpan(start, i - start), NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
            {
                return false;
            }
            var unitStart = i;
            while (i < s.Length && char.IsAsciiLetter(s[i]))
            {
                i++;
            }
            double? ms = s[unitStart..i] switch
            {
                "ms" => number,
                "s" => number * 1000,
                "m" => number * 60_000,
                "h" => number * 3_600_000,
                "d" => number * 86_400_000,
                _ => null,
            };
            if (ms is null)
            {
                return false;
            }
            total += ms.Value;
        }
        if (total > Max.TotalMilliseconds)
        {
            return false;
        }
        value = TimeSpan.FromMilliseconds(total);
        return true;
    }

    /// <summary>Formats a duration the way it is written in runbooks (<c>1h30m</c>, <c>250ms</c>).</summary>
    public static string Format(TimeSpan value)
    {
        if (value == TimeSpan.Zero)
        {
            return "0s";
        }
        if (value.TotalSeconds < 1)
        {
            return $"{(long)value.TotalMilliseconds}ms";
        }
        var parts = new List<string>();
        if (value.Days > 0) { parts.Add($"{value.Days}d"); }
        if (value.Hours > 0) { parts.Add($"{value.Hours}h"); }
        if (value.Minutes > 0) { parts.Add($"{value.Minutes}m"); }
        if (value.Seconds > 0) { parts.Add($"{value.Seconds}s"); }
        if (value.Milliseconds > 0) { parts.Add($"{value.Milliseconds}ms"); }
        return string.Concat(parts);
    }
}
