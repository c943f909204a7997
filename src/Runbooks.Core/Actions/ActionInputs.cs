using System.Globalization;
using Runbooks.Core.Shapes;

namespace Runbooks.Core.Actions;

/// <summary>
/// An action's rendered inputs, already checked against its <see cref="ActionDescriptor.Inputs"/> shape and with
/// defaults applied. Values are plain data: null, bool, long, double, string, lists and maps.
/// </summary>
public sealed class ActionInputs
{
    private readonly IReadOnlyDictionary<string, object?> _values;

    /// <summary>Wraps rendered values.</summary>
    public ActionInputs(IReadOnlyDictionary<string, object?> values) => _values = values;

    /// <summary>All values by name.</summary>
    public IReadOnlyDictionary<string, object?> Values => _values;

    /// <summary>Whether an input has a non-null value.</summary>
    public bool Has(string name) => _values.TryGetValue(name, out var v) && v is not null;

    /// <summary>The raw value, or null.</summary>
    public object? Get(string name) => _values.TryGetValue(name, out var v) ? v : null;

    /// <summary>A string input, or null.</summary>
    public string? GetString(string name) => Get(name) switch
    {
        null => null,
        string s => s,
        var other => Convert.ToString(other, CultureInfo.InvariantCulture),
    };

    /// <summary>A required string input.</summary>
    public string RequireString(string name) =>
        GetString(name) ?? throw new RunbooksException($"input '{name}' is required");

    /// <summary>An int input, or the fallback.</summary>
    public long GetInt(string name, long fallback) => Get(name) switch
    {
        long l => l,
        int i => i,
        double d => (long)d,
        string s when long.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) => l,
        _ => fallback,
    };

    /// <summary>A bool input, or the fallback.</summary>
    public bool GetBool(string name, bool fallback) => Get(name) switch
    {
        bool b => b,
        string s when bool.TryParse(s, out var b) => b,
        _ => fallback,
    };

    /// <summary>A duration input, or the fallback.</summary>
    public TimeSpan GetDuration(string name, TimeSpan fallback) => Get(name) switch
    {
        TimeSpan t => t,
        string s when DurationParser.TryParse(s, out var t) => t,
        _ => fallback,
    };

    /// <summary>A list input as strings, or an empty list.</summary>
    public IReadOnlyList<string> GetStringList(string name) => Get(name) switch
    {
        IEnumerable<object?> items => [.. items.Select(i => Convert.ToString(i, CultureInfo.InvariantCulture) ?? "")],
        string s => [s],
        _ => [],
    };

    /// <summary>A map input as strings, or an empty map.</summary>
    public IReadOnlyDictionary<string, string> GetStringMap(string name) => Get(name) switch
    {
        IReadOnlyDictionary<string, object?> map => map.ToDictionary(
            kv => kv.Key, kv => Convert.ToString(kv.Value, CultureInfo.InvariantCulture) ?? "", StringComparer.Ordinal),
        _ => new Dictionary<string, string>(),
    };
}
