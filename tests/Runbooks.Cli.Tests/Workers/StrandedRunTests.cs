using Npgsql;
using Runbooks.Cli.Tests.TestSupport;
using Runbooks.Testing.PostgreSql;

namespace Runbooks.Cli.Tests.Workers;

/// <summary>
/// A queued run whose Hangfire job is gone — what Hangfire.PostgreSql leaves when it loses a job after fetching it
/// (the job's heartbeat keeps it invisible) — is found by the sweep and started within seconds, not after the
/// 5-minute queue grace.
/// </summary>
[Collection(WorkerTestGroup.Name)]
public sealed class StrandedRunTests : IClassFixture<PostgreSqlServerFixture>, IDisposable
{
    private readonly PostgreSqlServerFixture _database;
    private readonly TempWorkDir _dir = new();
    private readonly Dictionary<string, string?> _env;
    private readonly string _schema;

    public StrandedRunTests(PostgreSqlServerFixture database)
    {
        _database = database;
        _schema = database.NewSchemaName("stranded");
        _env = WorkerEnvironment.OnPostgreSql(database, _schema);
        _env["Runbooks__Workers__QueueGraceSeconds"] = "300";
        _env["Runbooks__Workers__StrandedAfterSeconds"] = "1";
    }

    public void Dispose() => _dir.Dispose();

    private async Task<string?> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (await command.ExecuteScalarAsync())?.ToString();
    }

    [Fact]
    public async Task Serve_QueuedRunWhoseJobIsGone_StartsWithinSecondsAndSaysWhy()
    {
        var runbook = _dir.Write("stranded.yaml", "name: stranded\nsteps:\n  - id: hello\n    action: shell\n    with: { argv: [echo, hello] }\n");
        // The schema and Hangfire's tables exist once a worker has started; it stops again before the run is queued.
        using (var first = await ServeProcess.StartAsync(_dir, _env, _dir["no-workflows"], workers: 2, http: false))
        {
            await first.TerminateAsync();
        }
        var queued = await CliProcess.RunAsync(_dir, _env, "enqueue", runbook);
        Assert.True(queued.ExitCode == 0, queued.ToString());
        var runId = Assert.Single(queued.StdoutLines);
        // The job was created; losing it leaves the run queued in the journal with no job on its queue.
        Assert.Equal("1", await ScalarAsync($"SELECT count(*) FROM \"{_schema}_hangfire\".jobqueue"));
        await ScalarAsync($"DELETE FROM \"{_schema}_hangfire\".jobqueue");

        using var worker = await ServeProcess.StartAsync(_dir, _env, _dir["no-workflows"], workers: 2, http: false);
        await Journal.UntilAsync(async () => await ScalarAsync($"SELECT status FROM \"{_schema}\".runs WHERE run_id = '{runId}'") == "succeeded",
            async () => $"run {runId}: {await ScalarAsync($"SELECT status FROM \"{_schema}\".runs WHERE run_id = '{runId}'")}\n{worker.Stderr}",
            TimeSpan.FromSeconds(60));

        // stderr is read as it comes: wait for the line rather than read it once.
        await worker.WaitForStderrAsync("its job was lost after a fetch; queued again by the sweep", TimeSpan.FromSeconds(30));
        Assert.Contains($"Run {runId} was queued on default more than", worker.Stderr, StringComparison.Ordinal);
    }
}
