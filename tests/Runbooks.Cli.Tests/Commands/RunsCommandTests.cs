using System.Text.Json;
using Runbooks.Cli.Tests.TestSupport;

namespace Runbooks.Cli.Tests.Commands;

/// <summary><c>runbooks runs list|show|logs</c> read what <c>runbooks run</c> wrote to the journal (SQLite by default).</summary>
public sealed class RunsCommandTests : IDisposable
{
    private const string Secretive = """
        name: secretive
        parameters:
          token: { type: secret, required: true }
          who: { type: string, default: ops }
        steps:
          - id: greet
            action: shell
            with: { argv: [sh, -c, 'echo "hello $1"; echo "token $2"; echo warn >&2', greet, "{{ params.who }}", "{{ params.token }}"] }
          - id: skipped
            if: "false"
            action: log
            with: { message: never }
        """;

    private readonly TempWorkDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private async Task<string> RunSecretiveAsync()
    {
        var run = await CliProcess.RunAsync(_dir, "run", _dir.Write("secretive.yaml", Secretive), "-p", "token=s3cr3t-value", "--output", "json");
        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        return json.RootElement.GetProperty("runId").GetString()!;
    }

    [Fact]
    public async Task List_AfterARun_ShowsItNewestFirst()
    {
        var first = await RunSecretiveAsync();
        var second = await RunSecretiveAsync();

        var list = await CliProcess.RunAsync(_dir, "runs", "list", "--output", "json");

        Assert.True(list.ExitCode == 0, list.ToString());
        using var json = JsonDocument.Parse(list.Stdout);
        var runs = json.RootElement.EnumerateArray().ToList();
        Assert.Equal([second, first], runs.Select(r => r.GetProperty("runId").GetString()));
        Assert.Equal("succeeded", runs[0].GetProperty("status").GetString());
        Assert.StartsWith("cli:", runs[0].GetProperty("trigger").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Show_Json_ExportsEveryAttemptAndSkipWithTheSecretMasked()
    {
        var id = await RunSecretiveAsync();

        var show = await CliProcess.RunAsync(_dir, "runs", "show", id, "--output", "json");

        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.DoesNotContain("s3cr3t-value", show.Stdout, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(show.Stdout);
        var root = json.RootElement;
        Assert.Equal("secretive", root.GetProperty("run").GetProperty("runbook").GetString());
        Assert.Equal("ops", root.GetProperty("run").GetProperty("parameters").GetProperty("who").GetString());
        var attempt = Assert.Single(root.GetProperty("attempts").EnumerateArray());
        Assert.Equal(("greet", "succeeded", 0), (attempt.GetProperty("stepPath").GetString(), attempt.GetProperty("status").GetString(), attempt.GetProperty("exitCode").GetInt32()));
        Assert.Equal("hello ops\ntoken ***\n", attempt.GetProperty("stdout").GetString());
        Assert.Equal("skipped", Assert.Single(root.GetProperty("skips").EnumerateArray()).GetProperty("stepPath").GetString());
    }

    [Fact]
    public async Task Show_Text_ListsTheStepsPerTarget()
    {
        var id = await RunSecretiveAsync();

        var show = await CliProcess.RunAsync(_dir, "runs", "show", id);

        Assert.True(show.ExitCode == 0, show.ToString());
        Assert.StartsWith($"Run {id} of secretive: succeeded\n", show.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^  local\s+greet\s+shell\s+1\s+succeeded\s+\d+\.\d\ds\s+0\s+yes$", show.Stdout);
        Assert.Matches(@"(?m)^  local\s+skipped\s+skipped\s+condition is false: false$", show.Stdout);
        Assert.DoesNotContain("s3cr3t-value", show.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Logs_OneStep_PrintsItsStdoutAndStderr()
    {
        var id = await RunSecretiveAsync();

        var logs = await CliProcess.RunAsync(_dir, "runs", "logs", id, "--step", "greet");

        Assert.True(logs.ExitCode == 0, logs.ToString());
        Assert.Equal("== local greet (attempt 1, succeeded, exit 0)\nhello ops\ntoken ***\n-- stderr\nwarn\n", logs.Stdout);
    }

    [Fact]
    public async Task Show_UnknownRun_FailsNamingTheJournal()
    {
        var show = await CliProcess.RunAsync(_dir, "runs", "show", "nope");

        Assert.Equal(1, show.ExitCode);
        Assert.Equal($"error: there is no run nope in the journal at {_dir[".state/runbooks/runbooks.db"]}; runbooks runs list shows the runs there\n", show.Stderr);
    }

    [Fact]
    public async Task Run_PostgreSqlWithoutConnectionString_FailsBeforeAnythingRuns()
    {
        var env = new Dictionary<string, string?> { ["Runbooks__Storage__Provider"] = "postgresql", ["RUNBOOKS_POSTGRES"] = null };

        var run = await CliProcess.RunAsync(_dir, env, "run", _dir.Write("secretive.yaml", Secretive), "-p", "token=x");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            "error: Runbooks:Storage:Provider is postgresql but there is no connection string: set Runbooks:Storage:PostgreSql:ConnectionString in appsettings.json, or the environment variable RUNBOOKS_POSTGRES; nothing ran\n",
            run.Stderr);
    }
}
