using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Runbooks.Server.Api;

/// <summary>
/// Reads a runbook from a request body: YAML (<c>application/yaml</c>, <c>text/yaml</c>, <c>text/plain</c>) as is, or
/// JSON (<c>application/json</c>): <c>{"yaml": "…"}</c> or <c>{"document": {…}}</c>, the JSON model of the file.
/// </summary>
internal static class RequestBodies
{
    public static async Task<(string? Yaml, string? Problem)> ReadRunbookAsync(HttpRequest request)
    {
        var type = request.ContentType?.Split(';')[0].Trim().ToLowerInvariant() ?? "";
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var text = await reader.ReadToEndAsync(request.HttpContext.RequestAborted).ConfigureAwait(false);
        if (type is "application/yaml" or "application/x-yaml" or "text/yaml" or "text/x-yaml" or "text/plain")
        {
            return (text, null);
        }
        if (type != "application/json")
        {
            return (null, $"send the runbook as YAML (Content-Type: application/yaml) or as JSON (application/json: {{\"yaml\": \"…\"}} or {{\"document\": {{…}}}}); got '{(type.Length == 0 ? "no content type" : type)}'");
        }
        JsonNode? body;
        try
        {
            body = JsonNode.Parse(text);
        }
        catch (JsonException ex)
        {
            return (null, $"the body is not valid JSON: {ex.Message}");
        }
        if (body is JsonObject json && json["yaml"] is JsonValue yaml && yaml.TryGetValue<string>(out var yamlText))
        {
            return (yamlText, null);
        }
        if (body is JsonObject withDocument && withDocument["document"] is JsonObject document)
        {
            return (RunbookDocuments.ToYaml(document), null);
        }
        return (null, "the JSON body needs \"yaml\" (the runbook file's text) or \"document\" (the runbook as a JSON object)");
    }
}
