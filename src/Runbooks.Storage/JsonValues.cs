using System.Text.Json;

namespace Runbooks.Storage;

/// <summary>
/// Stores the journal's plain data (null, bool, long, double, string, lists, maps — already masked) as JSON text and
/// reads it back as the same plain data, so a stored run reads like the run that wrote it.
/// </summary>
internal static class JsonValues
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false };

    /// <summary>JSON text for a value.</summary>
    public static string Write(object? value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Plain data for JSON text; null text is null.</summary>
    public static object? Read(string? json)
    {
        if (json is null)
        {
            return null;
        }
        using var document = JsonDocument.Parse(json);
        return Plain(document.RootElement);
    }

    /// <summary>A map for JSON object text; null or non-object text is an empty map.</summary>
    public static IReadOnlyDictionary<string, object?> ReadMap(string? json) =>
        Read(json) as IReadOnlyDictionary<string, object?> ?? new Dictionary<string, object?>(StringComparer.Ordinal);

    private static object? Plain(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => Plain(p.Value), StringComparer.Ordinal),
        JsonValueKind.Array => element.EnumerateArray().Select(Plain).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var whole) ? whole : (object)element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };
}
