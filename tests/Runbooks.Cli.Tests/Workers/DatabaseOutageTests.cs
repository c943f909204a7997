using Npgsql;
using Runbooks.Cli.Tests.TestSupport;
using Runbooks.Testing.PostgreSql;

namespace Runbooks.Cli.Tests.Workers;

/// <summary>
/// PostgreSQL stops while a worker has runs queued and running, and starts again: the worker, never restarted, carries
/// on by itself and every run ends; none is lost.
/// </summary>
[Collection(WorkerTestGroup.Name)]
public sealed class DatabaseOutageTests : IClassFixture<PostgreSqlServerFixture>, IDisposable
{
    private const int RunCount = 6;
    private static readonly string[] Final = ["succeeded", "failed", "cancelled", "inDoubt"];

    private readonly PostgreSqlServerFixture _database;
    private readonly TempWorkDir _dir = new();
    private readonly Dictionary<string, string?> _env;
    private readonly string _schema;

    public DatabaseOutageTests(PostgreSqlServerFixture database)
    {
        _database = database;
        _schema = database.NewSchemaName("outage");
        _env = WorkerEnvironment.OnPostgreSql(database, _schema);
        _env["Runbooks__Storage__RunLeaseSeconds"] = "2";
    }

    public void Dispose() => _dir.Dispose();

    private async Task<Dictionary<string, string>> StatusesAsync()
    {
        // Unpooled: a pooled connection of the test would be one the restart dropped.
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_database.ConnectionString) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await using var select = new NpgsqlCommand($"SELECT run_id, status FROM \"{_schema}\".runs WHERE parent_run_id IS NULL", connection);
        await using var reader = await select.ExecuteReaderAsync();
        var runs = new Dictionary<string, string>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            runs[reader.GetString(0)] = reader.GetString(1);
        }
        return runs;
    }

    // 0: a short outage; 5: longer than the steps, so outcomes and run ends fall inside it and cannot be recorded
    // (the worker lets those runs go; the sweep takes them back once their leases ran out and the database is back).
    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    public async Task Serve_DatabaseStoppedAndStartedMidRun_TheSameWorkerEndsEveryRun(int extraOutageSeconds)
    {
        var runbook = _dir.Write("outage.yaml",
            "name: outage\nsteps:\n" +
            "  - id: wait\n    action: shell\n    idempotent: true\n    with: { argv: [sleep, \"3\"] }\n" +
            "  - id: done\n    action: shell\n    idempotent: true\n    with: { argv: [echo, done] }\n");
        using var worker = await ServeProcess.StartAsync(_dir, _env, _dir["no-workflows"], workers: 3);
        var ids = new List<string>();
        for (var i = 0; i < RunCount; i++)
        {
            var queued = await CliProcess.RunAsync(_dir, _env, "enqueue", runbook);
            Assert.True(queued.ExitCode == 0, queued.ToString());
            ids.Add(Assert.Single(queued.StdoutLines));
        }
        await Journal.UntilAsync(async () => (await StatusesAsync()).Values.Any(s => s == "running"),
            async () => $"runs: {string.Join(", ", await StatusesAsync())}\n{worker.Stderr}");

        _database.Stop();
        await worker.WaitForStderrAsync("cannot reach the journal", Journal.Deadline);
        await Task.Delay(TimeSpan.FromSeconds(extraOutageSeconds));
        _database.Start();

        await Journal.UntilAsync(async () => (await StatusesAsync()).Values.All(Final.Contains),
            async () => $"runs: {string.Join(", ", await StatusesAsync())}\n{worker.Stderr}");
        var ended = await StatusesAsync();
        Assert.Equal(ids.Order(), ended.Keys.Order());
        Assert.True(ended.Values.All(s => s == "succeeded"), $"runs: {string.Join(", ", ended)}\n{worker.Stderr}");
    }
}
