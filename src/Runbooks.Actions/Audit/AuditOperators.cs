using System.Text.RegularExpressions;

namespace Runbooks.Actions.Audit;

/// <summary>
/// The operators of <c>audit.check</c>: each judges <c>actual</c> against <c>expected</c> and returns whether the
/// check passed, or why the two cannot be judged that way (a runbook error, never a finding).
/// </summary>
internal static class AuditOperators
{
    /// <summary>How long one <c>matches</c> may take: a pattern that backtracks without end must not hang the run.</summary>
    public static readonly TimeSpan RegexTimeout = TimeSpan.FromSeconds(1);

    public static readonly IReadOnlyList<string> Names =
        ["equals", "notEquals", "lessThan", "atMost", "greaterThan", "atLeast", "matches", "contains", "in"];

    /// <summary>Judges the values; <paramref name="problem"/> is set (and the result meaningless) when they cannot be judged.</summary>
    public static bool Judge(string op, object? actual, object? expected, out string? problem)
    {
        problem = null;
        switch (op)
        {
            case "equals" or "notEquals":
                var equality = AuditValues.Compare(actual, expected);
                if (equality == AuditValues.Equality.Mismatch)
                {
                    problem = $"{op} cannot compare actual, {AuditValues.Describe(actual)}, with expected, {AuditValues.Describe(expected)}; "
                        + "convert one in the template (e.g. '| string.to_int') so both are numbers, bools, strings, lists or maps";
                    return false;
                }
                return (equality == AuditValues.Equality.Equal) == (op == "equals");
            case "lessThan" or "atMost" or "greaterThan" or "atLeast":
                if (!AuditValues.TryNumber(actual, out var a) || !AuditValues.TryNumber(expected, out var e))
                {
                    var which = AuditValues.TryNumber(actual, out _) ? $"expected is {AuditValues.Describe(expected)}" : $"actual is {AuditValues.Describe(actual)}";
                    problem = $"{op} compares numbers, but {which}";
                    return false;
                }
                return op switch
                {
                    "lessThan" => a < e,
                    "atMost" => a <= e,
                    "greaterThan" => a > e,
                    _ => a >= e,
                };
            case "matches":
                return Matches(actual, expected, out problem);
            case "contains":
                return Contains(actual, expected, out problem);
            case "in":
                if (expected is string or IReadOnlyDictionary<string, object?> or not IEnumerable<object?>)
                {
                    problem = $"in needs expected to be a list of allowed values, but it is {AuditValues.Describe(expected)}";
                    return false;
                }
                return ((IEnumerable<object?>)expected).Any(allowed => AuditValues.Compare(actual, allowed) == AuditValues.Equality.Equal);
            default:
                problem = $"unknown operator '{op}'; allowed: {string.Join(", ", Names)}";
                return false;
        }
    }

    private static bool Matches(object? actual, object? expected, out string? problem)
    {
        problem = null;
        if (expected is not string pattern)
        {
            problem = $"matches needs expected to be a regular expression (a string), but it is {AuditValues.Describe(expected)}";
            return false;
        }
        if (!AuditValues.IsScalar(actual))
        {
            problem = $"matches needs actual to be a string, number or bool, but it is {AuditValues.Describe(actual)}";
            return false;
        }
        Regex regex;
        try
        {
            regex = new Regex(pattern, RegexOptions.CultureInvariant, RegexTimeout);
        }
        catch (ArgumentException ex)
        {
            problem = $"expected is not a valid regular expression: {ex.Message}";
            return false;
        }
        try
        {
            return regex.IsMatch(AuditValues.Show(actual));
        }
        catch (RegexMatchTimeoutException)
        {
            problem = $"the regular expression '{pattern}' took longer than {RegexTimeout.TotalSeconds:0} s on actual; simplify it (nested quantifiers such as (a+)+ backtrack without end)";
            return false;
        }
    }

    private static bool Contains(object? actual, object? expected, out string? problem)
    {
        problem = null;
        switch (actual)
        {
            case string text when AuditValues.IsScalar(expected):
                return text.Contains(AuditValues.Show(expected), StringComparison.Ordinal);
            case string:
                problem = $"contains on a string needs expected to be a string, number or bool, but it is {AuditValues.Describe(expected)}";
                return false;
            case IReadOnlyDictionary<string, object?> map when expected is string key:
                return map.ContainsKey(key);
            case IReadOnlyDictionary<string, object?>:
                problem = $"contains on a map looks for a key, so expected must be a string, but it is {AuditValues.Describe(expected)}";
                return false;
            case IEnumerable<object?> items:
                return items.Any(item => AuditValues.Compare(item, expected) == AuditValues.Equality.Equal);
            default:
                problem = $"contains needs actual to be a string, a list or a map, but it is {AuditValues.Describe(actual)}";
                return false;
        }
    }
}
