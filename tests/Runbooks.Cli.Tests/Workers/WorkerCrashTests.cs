using Npgsql;
using Runbooks.Cli.Tests.TestSupport;

namespace Runbooks.Cli.Tests.Workers;

/// <summary>
/// Two <c>runbooks serve</c> processes on one PostgreSQL; the one holding most runs is killed with SIGKILL while its
/// runs are inside a remote step (real sshd). The other one takes every run over: an interrupted idempotent step runs
/// again, an interrupted non-idempotent step never does (the run is in doubt, with the reason), and no run is lost.
/// </summary>
[Collection(WorkerTestGroup.Name)]
public sealed class WorkerCrashTests : IClassFixture<WorkerFleetFixture>, IDisposable
{
    private const int RunsPerVariant = 11;
    private static readonly string[] Final = ["succeeded", "failed", "cancelled", "inDoubt"];

    private readonly WorkerFleetFixture _fleet;
    private readonly TempWorkDir _dir = new();
    private readonly Dictionary<string, string?> _env;
    private readonly string _schema;

    public WorkerCrashTests(WorkerFleetFixture fleet)
    {
        _fleet = fleet;
        _fleet.Reset();
        _schema = fleet.Database.NewSchemaName("crash");
        _env = WorkerEnvironment.OnPostgreSql(fleet.Database, _schema);
        _env["Runbooks__Storage__RunLeaseSeconds"] = "2";
        _env["Runbooks__Locks__LeaseTtl"] = "00:00:03";
        _dir.Write("inventory.yaml", fleet.InventoryYaml());
    }

    public void Dispose() => _dir.Dispose();

    private string Runbook(string name, bool idempotent) => _dir.Write($"{name}.yaml",
        $$$"""
        name: {{{name}}}
        parameters:
          host: { type: string, required: true, pattern: "h[0-9]+" }
        targets:
          hosts: ["{{ params.host }}"]
        steps:
          - id: prepare
            action: shell
            idempotent: true
            with: { argv: [echo, prepared] }
          - id: work
            action: shell
            idempotent: {{{(idempotent ? "true" : "false")}}}
            with: { argv: [slowstep, "{{ run.id }}", "{{ target.name }}"] }
        """);

    private async Task<Dictionary<string, (string Status, string? Owner)>> RunsAsync()
    {
        await using var connection = new NpgsqlConnection(_fleet.Database.ConnectionString);
        await connection.OpenAsync();
        await using var select = new NpgsqlCommand($"SELECT run_id, status, owner FROM \"{_schema}\".runs WHERE parent_run_id IS NULL", connection);
        await using var reader = await select.ExecuteReaderAsync();
        var runs = new Dictionary<string, (string, string?)>(StringComparer.Ordinal);
        while (await reader.ReadAsync())
        {
            runs[reader.GetString(0)] = (reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2));
        }
        return runs;
    }

    private async Task<string> EnqueueAsync(string runbook, string host)
    {
        var result = await CliProcess.RunAsync(_dir, _env, "enqueue", runbook, "-p", $"host={host}");
        Assert.True(result.ExitCode == 0, result.ToString());
        return Assert.Single(result.StdoutLines);
    }

    [Fact]
    public async Task Serve_WorkerKilledInsideSteps_OtherWorkerEndsEveryRunAndNeverRepeatsANonIdempotentStep()
    {
        var again = Runbook("crash-idempotent", idempotent: true);
        var once = Runbook("crash-once", idempotent: false);
        using var a = await ServeProcess.StartAsync(_dir, _env, _dir["no-workflows"], workers: 24);
        using var b = await ServeProcess.StartAsync(_dir, _env, _dir["no-workflows"], workers: 24);
        var hosts = WorkerFleetFixture.Hosts;
        var plan = Enumerable.Range(0, RunsPerVariant * 2).Select(i => (File: i % 2 == 0 ? again : once, Host: hosts[i])).ToList();
        var variant = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var chunk in plan.Chunk(4))
        {
            var ids = await Task.WhenAll(chunk.Select(p => EnqueueAsync(p.File, p.Host)));
            foreach (var (id, p) in ids.Zip(chunk))
            {
                variant[id] = p.File == again;
            }
        }

        // Every run inside the remote step (blocked there until the release file exists), as the hosts and the
        // journal both say.
        await Journal.UntilAsync(async () =>
                _fleet.StepCalls().Count(c => c.What == "start") >= 20 && (await RunsAsync()).Values.Count(r => r.Status == "running") >= 20,
            async () => $"{_fleet.StepCalls().Count} step calls; runs: {string.Join(", ", (await RunsAsync()).Values)}\n--- a ---\n{a.Stderr}\n--- b ---\n{b.Stderr}");
        var owners = await RunsAsync();
        var (victim, survivor) = owners.Values.Count(r => r.Owner == a.Name) >= owners.Values.Count(r => r.Owner == b.Name) ? (a, b) : (b, a);
        await victim.KillAsync();
        var killed = owners.Where(r => r.Value.Owner == victim.Name && r.Value.Status == "running").Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
        File.WriteAllText(_fleet.ReleaseFile, "");

        await Journal.UntilAsync(async () => (await RunsAsync()).Values.All(r => Final.Contains(r.Status)),
            async () => $"runs: {string.Join(", ", await RunsAsync())}\n--- survivor ---\n{survivor.Stderr}");

        var ended = await RunsAsync();
        var calls = _fleet.StepCalls();
        Assert.Equal(variant.Keys.Order(), ended.Keys.Order());
        Assert.Contains(killed, id => variant[id]);
        Assert.Contains(killed, id => !variant[id]);
        var journal = new Journal(_dir, _env);
        foreach (var (id, idempotent) in variant)
        {
            var starts = calls.Count(c => c.What == "start" && c.Run == id);
            var record = await journal.ShowAsync(id);
            var status = record.GetProperty("run").GetProperty("status").GetString();
            var text = record.GetRawText() + "\n--- worker log lines of this run ---\n"
                + string.Join('\n', (a.Stderr + b.Stderr).Split('\n').Where(l => l.Contains(id, StringComparison.Ordinal)));
            if (!killed.Contains(id))
            {
                Assert.True(status == "succeeded" && starts == 1, $"run {id} (not on the killed worker): {status}, {starts} start(s)\n{text}");
            }
            else if (idempotent)
            {
                Assert.True(status == "succeeded" && starts == 2, $"run {id} (idempotent, killed): {status}, {starts} start(s)\n{text}");
                Assert.Contains(record.GetProperty("events").EnumerateArray(), e => e.GetProperty("kind").GetString() == "run.resumed"
                    && e.GetProperty("reason").GetString()!.Contains(survivor.Name, StringComparison.Ordinal));
            }
            else
            {
                Assert.True(status == "inDoubt" && starts == 1, $"run {id} (not idempotent, killed): {status}, {starts} start(s)\n{text}");
                Assert.Contains("It is not idempotent, so it was not run again", text, StringComparison.Ordinal);
            }
        }
    }
}
