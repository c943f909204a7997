using Runbooks.Core.Shapes;

namespace Runbooks.Core.Validation;

/// <summary>The wording of validation messages, in one place so that they stay consistent.</summary>
internal static class Messages
{
    public static string KindPhrase(ValueShape shape) => shape.Kind switch
    {
        ValueKind.String or ValueKind.Secret => "a string",
        ValueKind.Int => "an int",
        ValueKind.Number => "a number",
        ValueKind.Bool => "a bool (true or false)",
        ValueKind.Duration => "a duration",
        ValueKind.List => "a list",
        ValueKind.Map => "a map",
        ValueKind.Object when shape.LiteralAlternatives.Count > 0 =>
            "a map or " + string.Join(" or ", shape.LiteralAlternatives.Select(a => $"'{a}'")),
        ValueKind.Object => "a map",
        _ => "a value",
    };

    public static string List(IEnumerable<string> items) => string.Join(", ", items);

    public static string UnknownKey(string key, IReadOnlyList<string> allowed) =>
        $"unknown key '{key}'{Suggestions.Hint(key, allowed)}; allowed keys: {List(allowed)}";

    public static string MissingKey(string key) => $"missing required key '{key}'";

    public static string WrongType(ValueShape shape, string got) => $"expected {KindPhrase(shape)}, got {got}";

    public static string NotAllowed(string value, IEnumerable<string> allowed) =>
        $"'{value}' is not allowed; allowed values: {List(allowed)}";

    public static string BadDuration(string value) => $"'{value}' is not a duration; expected {DurationParser.AllowedForm}";

    public static string OutOfRange(string value, double? min, double? max) => (min, max) switch
    {
        ({ } lo, { } hi) => $"{value} is out of range; allowed: {lo} to {hi}",
        ({ } lo, null) => $"{value} is out of range; allowed: {lo} or more",
        (null, { } hi) => $"{value} is out of range; allowed: {hi} or less",
        _ => $"{value} is out of range",
    };

    public static string PatternMismatch(string value, ValueShape shape) =>
        $"'{value}' is not valid; expected {shape.PatternDescription ?? "a value matching " + shape.Pattern}";

    public static string ExactlyOne(IReadOnlyList<string> keys, int found) =>
        $"exactly one of {List(keys.Select(k => $"'{k}'"))} is required, found {(found == 0 ? "none" : string.Join(" and ", keys.Select(k => $"'{k}'").Take(found)))}";
}
