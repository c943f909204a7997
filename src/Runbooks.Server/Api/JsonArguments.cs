using System.Text.Json;

namespace Runbooks.Server.Api;

/// <summary>JSON values as the engine takes parameters: strings, whole numbers, numbers, booleans, lists and maps.</summary>
internal static class JsonArguments
{
    public static Dictionary<string, object?> ToValues(IReadOnlyDictionary<string, JsonElement>? given) =>
        given?.ToDictionary(pair => pair.Key, pair => ToValue(pair.Value), StringComparer.Ordinal) ?? new(StringComparer.Ordinal);

    public static object? ToValue(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number when element.TryGetInt64(out var whole) => whole,
        JsonValueKind.Number => element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        JsonValueKind.Array => element.EnumerateArray().Select(ToValue).ToList(),
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => ToValue(p.Value), StringComparer.Ordinal),
        _ => null,
    };
}
