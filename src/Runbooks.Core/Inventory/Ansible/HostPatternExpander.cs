using System.Globalization;

namespace Runbooks.Core.Inventory.Ansible;

/// <summary>
/// Expands Ansible host ranges: <c>web[01:03].example.com</c> (zero padding kept when begin and end have the same
/// width), <c>db-[a:c]</c>, an optional stride <c>[1:9:2]</c>, and several ranges in one name.
/// </summary>
internal static class HostPatternExpander
{
    /// <summary>More names than this from one pattern is almost certainly a typo.</summary>
    public const int MaxHosts = 10_000;

    private const string Letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";

    /// <summary>The names a pattern stands for, or an error saying what is wrong with the range.</summary>
    public static (IReadOnlyList<string> Names, string? Error) Expand(string pattern)
    {
        var names = new List<string>();
        var error = Expand(pattern, "", names);
        return (error is null ? names : [], error);
    }

    private static string? Expand(string rest, string prefix, List<string> names)
    {
        var open = rest.IndexOf('[', StringComparison.Ordinal);
        if (open < 0)
        {
            names.Add(prefix + rest);
            return names.Count > MaxHosts ? $"the range expands to more than {MaxHosts} hosts" : null;
        }
        var close = rest.IndexOf(']', open);
        if (close < 0)
        {
            return $"'{rest}' opens a range with '[' but never closes it with ']'";
        }
        var (values, error) = Values(rest[(open + 1)..close]);
        if (error is not null)
        {
            return error;
        }
        foreach (var value in values)
        {
            var inner = Expand(rest[(close + 1)..], prefix + rest[..open] + value, names);
            if (inner is not null)
            {
                return inner;
            }
        }
        return null;
    }

    private static (List<string> Values, string? Error) Values(string range)
    {
        var parts = range.Split(':');
        if (parts.Length is not (2 or 3))
        {
            return ([], $"'[{range}]' is not a range; write [begin:end] or [begin:end:stride], e.g. [01:10] or [a:f]");
        }
        var begin = parts[0].Length == 0 ? "0" : parts[0];
        var end = parts[1];
        var stride = 1;
        if (parts.Length == 3 && (!int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out stride) || stride < 1))
        {
            return ([], $"the stride '{parts[2]}' in '[{range}]' is not a positive whole number");
        }
        if (begin.All(char.IsAsciiDigit) && end.Length > 0 && end.All(char.IsAsciiDigit))
        {
            var width = begin.Length > 1 && begin[0] == '0' ? begin.Length : 0;
            if (width > 0 && end.Length != width)
            {
                return ([], $"'[{range}]' pads the begin with zeros, so the end must have the same width ({width} digits)");
            }
            if (!long.TryParse(begin, NumberStyles.None, CultureInfo.InvariantCulture, out var from) ||
                !long.TryParse(end, NumberStyles.None, CultureInfo.InvariantCulture, out var to))
            {
                return ([], $"'[{range}]' has numbers too large to expand");
            }
            if (from > to)
            {
                return ([], $"'[{range}]' begins after it ends; write the smaller number first");
            }
            if ((to - from) / stride >= MaxHosts)
            {
                return ([], $"the range '[{range}]' expands to more than {MaxHosts} hosts");
            }
            var numbers = new List<string>();
            for (var n = from; n <= to; n += stride)
            {
                numbers.Add(n.ToString(CultureInfo.InvariantCulture).PadLeft(width, '0'));
            }
            return (numbers, null);
        }
        var first = begin.Length == 1 ? Letters.IndexOf(begin[0], StringComparison.Ordinal) : -1;
        var last = end.Length == 1 ? Letters.IndexOf(end[0], StringComparison.Ordinal) : -1;
        if (first < 0 || last < 0)
        {
            return ([], $"'[{range}]' is neither a numeric range such as [01:10] nor a letter range such as [a:f]");
        }
        if (first > last)
        {
            return ([], $"'[{range}]' begins after it ends; write the earlier letter first");
        }
        var letters = new List<string>();
        for (var i = first; i <= last; i += stride)
        {
            letters.Add(Letters[i].ToString());
        }
        return (letters, null);
    }
}
