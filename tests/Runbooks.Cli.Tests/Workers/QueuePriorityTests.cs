using Npgsql;
using Runbooks.Cli.Tests.TestSupport;
using Runbooks.Testing.PostgreSql;

namespace Runbooks.Cli.Tests.Workers;

/// <summary>
/// With every queue backlogged, a worker takes remediation first, then default, then maintenance — on
/// Hangfire.PostgreSql too, whose fetch orders the waiting jobs by their queue's name.
/// </summary>
[Collection(WorkerTestGroup.Name)]
public sealed class QueuePriorityTests : IClassFixture<PostgreSqlServerFixture>, IDisposable
{
    private readonly PostgreSqlServerFixture _database;
    private readonly TempWorkDir _dir = new();
    private readonly Dictionary<string, string?> _env;
    private readonly string _schema;

    public QueuePriorityTests(PostgreSqlServerFixture database)
    {
        _database = database;
        _schema = database.NewSchemaName("priority");
        _env = WorkerEnvironment.OnPostgreSql(database, _schema);
    }

    public void Dispose() => _dir.Dispose();

    private async Task<List<string>> ColumnAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<string>();
        while (await reader.ReadAsync())
        {
            values.Add(reader.GetValue(0).ToString()!);
        }
        return values;
    }

    [Fact]
    public async Task Serve_EveryQueueBacklogged_TakesRemediationThenDefaultThenMaintenance()
    {
        var runbook = _dir.Write("work.yaml", "name: work\nsteps:\n  - id: hello\n    action: shell\n    with: { argv: [echo, hello] }\n");
        // The schema and Hangfire's tables exist once a worker has started; it stops again before the runs are queued.
        using (var first = await ServeProcess.StartAsync(_dir, _env, _dir["no-workflows"], workers: 1, http: false))
        {
            await first.TerminateAsync();
        }
        // Queued with no worker running, the remediation last: a night of maintenance, then the alert's fix.
        var queues = new[] { "maintenance", "maintenance", "default", "default", "remediation" };
        var queueOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var queue in queues)
        {
            var queued = await CliProcess.RunAsync(_dir, _env, "enqueue", runbook, "-q", queue);
            Assert.True(queued.ExitCode == 0, queued.ToString());
            queueOf[Assert.Single(queued.StdoutLines)] = queue;
        }

        // One worker thread: the jobs are fetched one at a time, each by the queues' priority.
        using var worker = await ServeProcess.StartAsync(_dir, _env, _dir["no-workflows"], workers: 1, http: false);
        var ended = $"SELECT run_id FROM \"{_schema}\".runs WHERE status = 'succeeded'";
        await Journal.UntilAsync(async () => (await ColumnAsync(ended)).Count == queues.Length,
            async () => $"{(await ColumnAsync(ended)).Count} of {queues.Length} runs succeeded\n{worker.Stderr}");

        var claimed = await ColumnAsync($"SELECT run_id FROM \"{_schema}\".run_events WHERE kind = 'run.resumed' ORDER BY seq");
        Assert.Equal(["remediation", "default", "default", "maintenance", "maintenance"], claimed.Select(runId => queueOf[runId]));
    }
}
