using System.Text.Json;
using Runbooks.Cli.Tests.TestSupport;

namespace Runbooks.Cli.Tests.Commands;

public sealed class SchemaCommandTests : IDisposable
{
    private readonly TempWorkDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Schema_NoOptions_PrintsJsonSchema()
    {
        var result = await CliProcess.RunAsync(_dir, "schema");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("https://json-schema.org/draft/2020-12/schema", json.RootElement.GetProperty("$schema").GetString());
    }

    [Fact]
    public async Task Schema_Write_WritesTheSameSchemaToTheFile()
    {
        var printed = await CliProcess.RunAsync(_dir, "schema");
        var written = await CliProcess.RunAsync(_dir, "schema", "--write", "runbook.schema.json");

        Assert.True(written.ExitCode == 0, written.ToString());
        Assert.Equal("wrote runbook.schema.json\n", written.Stdout);
        Assert.Equal(printed.Stdout.TrimEnd('\n'), File.ReadAllText(_dir["runbook.schema.json"]).TrimEnd('\n'));
    }
}
