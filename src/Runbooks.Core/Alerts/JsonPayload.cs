using System.Text.Json;

namespace Runbooks.Core.Alerts;

/// <summary>Small JSON helpers of the alert parsers.</summary>
internal static class JsonPayload
{
    public static JsonDocument Open(string json, string what)
    {
        try
        {
            return JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException ex)
        {
            throw new AlertPayloadException($"the {what} body is not valid JSON: {ex.Message}", ex);
        }
    }

    public static string? String(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    public static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "object",
        JsonValueKind.Array => "array",
        JsonValueKind.String => "string",
        JsonValueKind.Number => "number",
        JsonValueKind.True or JsonValueKind.False => "boolean",
        JsonValueKind.Null => "null",
        _ => "value",
    };
}
