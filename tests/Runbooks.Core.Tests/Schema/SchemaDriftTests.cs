using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Runbooks.Actions;
using Runbooks.Core.Actions;
using Runbooks.Core.Language;
using Runbooks.Core.Schema;
using Runbooks.Core.Shapes;

namespace Runbooks.Core.Tests.Schema;

/// <summary>docs/runbook.schema.json is what the generator makes from the grammar and the built-in actions, byte for byte.</summary>
public sealed class SchemaDriftTests
{
    private const string Regenerate = "dotnet run --project src/Runbooks.Cli -- schema --write docs/runbook.schema.json";
    private const string GeneratorBug =
        "BUG: `runbooks schema` crashes, so docs/runbook.schema.json cannot be generated: (1) object shapes default to TemplateAllowed, " +
        "so Shape(RunbookGrammar.Step) and Shape(RunbookGrammar.Runbook) come back wrapped in anyOf without 'properties' (NullReferenceException, " +
        "JsonSchemaGenerator.cs line 35); (2) defaults are written with JsonValue.Create<object>, which ToJsonString cannot serialize with options " +
        "that have no TypeInfoResolver (InvalidOperationException)";

    // The registry the CLI's `schema` command uses: the built-in actions only.
    private static readonly HttpClient Http = new();
    private static readonly ActionRegistry Actions = new(BuiltInActions.Create(Http));

    [Fact]
    public void Generate_BuiltInActions_EqualsCommittedFileByteForByte()
    {
        var path = Path.Combine(RepoRoot(), "docs", "runbook.schema.json");
        Assert.True(File.Exists(path), $"docs/runbook.schema.json is missing; generate it with `{Regenerate}`");
        var committed = File.ReadAllBytes(path);
        var generated = Encoding.UTF8.GetBytes(JsonSchemaGenerator.Generate(Actions));
        Assert.True(committed.AsSpan().SequenceEqual(generated),
            $"docs/runbook.schema.json no longer matches the grammar and the action descriptors; run `{Regenerate}` and commit the file");
    }

    [Fact]
    public void Generate_BuiltInActions_IsValidJsonSchemaDocument()
    {
        var schema = Schema();
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", (string?)schema["$schema"]);
        Assert.Equal("object", (string?)schema["type"]);
        Assert.NotNull(schema["$defs"]?["step"]);
    }

    [Fact]
    public void Generate_BuiltInActions_ListsEveryActionInTheStepsActionEnum()
    {
        var step = ObjectOf(Schema()["$defs"]!["step"]!);
        var names = step["properties"]!["action"]!["enum"]!.AsArray().Select(n => (string?)n);
        Assert.Equal(Actions.Names, names);
    }

    [Fact]
    public void Generate_BuiltInActions_HasEveryGrammarField()
    {
        var schema = Schema();
        var missing = new List<string>();
        FindMissing(RunbookGrammar.Runbook, schema, "", missing);
        FindMissing(RunbookGrammar.Step, schema["$defs"]!["step"]!, "step", missing);
        Assert.Empty(missing);
    }

    [Fact]
    public void Generate_BuiltInActions_HasEveryActionInput()
    {
        var step = ObjectOf(Schema()["$defs"]!["step"]!);
        var missing = new List<string>();
        foreach (var rule in step["allOf"]!.AsArray())
        {
            var name = (string)rule!["if"]!["properties"]!["action"]!["const"]!;
            var action = Actions.All.Single(a => a.Descriptor.Name == name);
            FindMissing(action.Descriptor.Inputs, rule["then"]!["properties"]!["with"]!, $"{name}.with", missing);
        }
        Assert.Equal(Actions.Names.Count, step["allOf"]!.AsArray().Count);
        Assert.Empty(missing);
    }

    private static JsonNode Schema() => JsonNode.Parse(JsonSchemaGenerator.Generate(Actions), documentOptions: new JsonDocumentOptions { MaxDepth = 256 })!;

    // Walks the grammar (nested objects included) and lists the fields the schema lacks.
    private static void FindMissing(ValueShape shape, JsonNode node, string path, List<string> missing)
    {
        var properties = ObjectOf(node)["properties"]!.AsObject();
        foreach (var field in shape.Fields)
        {
            var fieldPath = path.Length == 0 ? field.Name : $"{path}.{field.Name}";
            if (!properties.TryGetPropertyValue(field.Name, out var property) || property is null)
            {
                missing.Add(fieldPath);
                continue;
            }
            var inner = field.Shape.Kind == ValueKind.Map ? field.Shape.Values : field.Shape;
            if (inner is { Kind: ValueKind.Object, RecursiveRef: null } && inner.Fields.Count > 0)
            {
                FindMissing(inner, field.Shape.Kind == ValueKind.Map ? With(property, "additionalProperties")["additionalProperties"]! : property, fieldPath, missing);
            }
        }
    }

    // A shape may be wrapped in anyOf (with a template string, or a literal such as 'local').
    private static JsonNode ObjectOf(JsonNode node) => With(node, "properties");

    private static JsonNode With(JsonNode node, string key) =>
        TryWith(node, key) ?? throw new Xunit.Sdk.XunitException($"no '{key}' in {node.ToJsonString()}");

    private static JsonNode? TryWith(JsonNode node, string key) =>
        node is JsonObject obj && obj.ContainsKey(key) ? node
        : node["anyOf"]?.AsArray().Where(o => o is not null).Select(o => TryWith(o!, key)).FirstOrDefault(o => o is not null);

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Runbooks.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"Runbooks.sln not found above {AppContext.BaseDirectory}");
    }
}
