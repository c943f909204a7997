using System.Text.Json;
using Runbooks.Cli.Tests.TestSupport;
using Runbooks.Testing.PostgreSql;

namespace Runbooks.Cli.Tests.Commands;

/// <summary>The CLI on the production journal: one setting and a connection string from the environment.</summary>
public sealed class RunsOnPostgreSqlTests : IClassFixture<PostgreSqlServerFixture>, IDisposable
{
    private readonly PostgreSqlServerFixture _server;
    private readonly TempWorkDir _dir = new();

    public RunsOnPostgreSqlTests(PostgreSqlServerFixture server) => _server = server;

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Run_PostgreSqlProvider_RecordsTheRunThereForRunsList()
    {
        var env = new Dictionary<string, string?>
        {
            ["Runbooks__Storage__Provider"] = "postgresql",
            ["Runbooks__Storage__PostgreSql__Schema"] = _server.NewSchemaName("cli"),
            ["RUNBOOKS_POSTGRES"] = _server.ConnectionString,
        };
        var runbook = _dir.Write("hello.yaml", "name: hello\nsteps:\n  - id: hi\n    action: shell\n    with: { argv: [echo, hi] }\n");

        var run = await CliProcess.RunAsync(_dir, env, "run", runbook, "--output", "json");
        var list = await CliProcess.RunAsync(_dir, env, "runs", "list", "--output", "json");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.True(list.ExitCode == 0, list.ToString());
        using var ran = JsonDocument.Parse(run.Stdout);
        using var listed = JsonDocument.Parse(list.Stdout);
        var only = Assert.Single(listed.RootElement.EnumerateArray());
        Assert.Equal(ran.RootElement.GetProperty("runId").GetString(), only.GetProperty("runId").GetString());
        Assert.Equal("succeeded", only.GetProperty("status").GetString());
        Assert.False(File.Exists(_dir[".state/runbooks/runbooks.db"]));
    }
}
