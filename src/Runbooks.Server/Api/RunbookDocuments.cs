using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;
using YamlDotNet.Serialization;

namespace Runbooks.Server.Api;

/// <summary>
/// A runbook as a JSON document and back. The JSON model is the YAML file's own tree (the same keys, lists and values,
/// typed as YAML's core schema reads them), so a runbook saved as JSON is written to <c>workflows/</c> as the
/// equivalent YAML and validated by the same rules. Comments and key order quirks of hand-written YAML are not kept
/// when a runbook is saved from JSON.
/// </summary>
internal static class RunbookDocuments
{
    private static readonly ISerializer Yaml = new SerializerBuilder().WithQuotingNecessaryStrings().Build();

    /// <summary>The JSON model of YAML text already read by the loader (so it parses).</summary>
    public static JsonNode? ToJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return stream.Documents.Count == 0 ? null : Convert(stream.Documents[0].RootNode);
    }

    /// <summary>YAML text for a JSON model.</summary>
    public static string ToYaml(JsonNode document) => Yaml.Serialize(ToPlain(document));

    private static JsonNode? Convert(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(pair =>
            KeyValuePair.Create(((YamlScalarNode)pair.Key).Value ?? "", Convert(pair.Value)))),
        YamlSequenceNode list => new JsonArray([.. list.Children.Select(Convert)]),
        YamlScalarNode scalar => Scalar(scalar),
        _ => null,
    };

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? "";
        if (scalar.Style is not ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }
        // YAML 1.2 core schema, as the runbook loader reads plain scalars.
        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole) => JsonValue.Create(whole),
            _ when text.Any(char.IsDigit) && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var real) && !double.IsInfinity(real) => JsonValue.Create(real),
            _ => JsonValue.Create(text),
        };
    }

    private static object? ToPlain(JsonNode? node) => node switch
    {
        null => null,
        JsonObject map => map.ToDictionary(pair => pair.Key, pair => ToPlain(pair.Value), StringComparer.Ordinal),
        JsonArray list => list.Select(ToPlain).ToList(),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when value.TryGetValue<long>(out var whole) => whole,
            JsonValueKind.Number => value.GetValue<double>(),
            _ => null,
        },
        _ => null,
    };
}
