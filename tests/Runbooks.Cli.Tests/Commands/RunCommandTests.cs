using System.Text.Json;
using Runbooks.Cli.Tests.TestSupport;
using static Runbooks.Cli.Tests.TestSupport.LinePattern;

namespace Runbooks.Cli.Tests.Commands;

public sealed class RunCommandTests : IDisposable
{
    private const string Hello = """
        name: hello
        parameters:
          count: { type: int, default: 1 }
          names: { type: list, default: [a] }
        steps:
          - id: greet
            action: shell
            with: { argv: [echo, "hello {{ params.count + 1 }}"] }
          - id: mark
            action: shell
            with: { argv: [touch, marker.txt] }
        outputs:
          sum: "{{ params.count + 1 }}"
          names: "{{ params.names | array.size }}"
        """;

    private const string Failing = """
        name: failing
        steps:
          - id: boom
            action: shell
            with: { script: "echo oops >&2; exit 3" }
          - id: after
            action: log
            with: { message: never }
        """;

    private const string NeedsHost = """
        name: needs-host
        parameters:
          host: { type: string, required: true }
        steps:
          - id: show
            action: log
            with: { message: "{{ params.host }}" }
        """;

    private readonly TempWorkDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Run_SucceedingRunbook_PrintsSummaryToStdoutAndTimelineToStderr()
    {
        _dir.Write("hello.yaml", Hello);

        var result = await CliProcess.RunAsync(_dir, "run", "hello.yaml");

        Assert.True(result.ExitCode == 0, result.ToString());
        AssertLines(result.StdoutLines,
            "",
            "Run <id> of hello: succeeded in <dur>",
            "  STEP   ACTION  STATUS     TRIES  DURATION  DETAIL",
            "  greet  shell   succeeded  1      <dur>exit 0",
            "  mark   shell   succeeded  1      <dur>exit 0",
            "Outputs:",
            "  sum: 2",
            "  names: 1");
        AssertLines(result.Timeline,
            "INF greet started (attempt 1/1): run: echo 'hello 2'",
            "INF stdout: hello 2",
            "INF greet succeeded in <n> ms",
            "INF mark started (attempt 1/1): run: touch marker.txt",
            "INF mark succeeded in <n> ms",
            $"INF Run <id> of hello succeeded in <n> ms, started by cli:{Environment.UserName}");
        Assert.True(File.Exists(_dir["marker.txt"]), "the mark step runs in the working directory");
    }

    [Fact]
    public async Task Run_FailingStep_ExitsOneWithErrorLineAndSkipsTheRest()
    {
        _dir.Write("failing.yaml", Failing);

        var result = await CliProcess.RunAsync(_dir, "run", "failing.yaml");

        Assert.True(result.ExitCode == 1, result.ToString());
        AssertLines(result.StdoutLines,
            "",
            "Run <id> of failing: failed in <dur>",
            "  STEP   ACTION  STATUS   TRIES  DURATION  DETAIL",
            "  boom   shell   failed   1      <dur>exit 3; exit code 3 is not one of okExitCodes [0]; last lines of stderr: ⏎ oops",
            "  after  log     skipped  0      <dur>an earlier step failed",
            "Error: step 'boom' failed: exit code 3 is not one of okExitCodes [0]; last lines of stderr:",
            "oops");
        AssertContainsInOrder(result.Timeline,
            "INF boom started (attempt 1/1): run script with /bin/sh",
            "INF stderr: oops",
            "WRN boom failed on attempt 1/1: exit code 3 is not one of okExitCodes [0]; last lines of stderr:",
            "ERR boom failed after 1 attempt(s): exit code 3 is not one of okExitCodes [0]; last lines of stderr:",
            "INF after skipped: an earlier step failed",
            $"INF Run <id> of failing failed in <n> ms, started by cli:{Environment.UserName}: step 'boom' failed: exit code 3 is not one of okExitCodes [0]; last lines of stderr:");
    }

    [Fact]
    public async Task Run_DryRun_PrintsThePlanAndChangesNothing()
    {
        _dir.Write("hello.yaml", Hello);

        var result = await CliProcess.RunAsync(_dir, "run", "hello.yaml", "--dry-run", "-p", "count=41");

        Assert.True(result.ExitCode == 0, result.ToString());
        AssertLines(result.StdoutLines,
            "",
            "Plan for hello (dry-run <id>): nothing was changed",
            "  STEP   ACTION  STATUS   WOULD RUN",
            "  greet  shell   planned  run: echo 'hello 42'",
            "  mark   shell   planned  run: touch marker.txt");
        Assert.False(File.Exists(_dir["marker.txt"]), "a dry-run must not run touch");
        Assert.DoesNotContain(result.Timeline, line => line.Contains("started (attempt", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_ParametersOnCommandLine_AreConvertedToTheirTypes()
    {
        _dir.Write("hello.yaml", Hello);

        var csv = await CliProcess.RunAsync(_dir, "run", "hello.yaml", "-p", "count=41", "-p", "names=x,y,z");
        var json = await CliProcess.RunAsync(_dir, "run", "hello.yaml", "--param", "count=-3", "--param", """names=["p","q"]""");

        Assert.True(csv.ExitCode == 0, csv.ToString());
        AssertContainsInOrder(csv.StdoutLines, "Outputs:", "  sum: 42", "  names: 3");
        Assert.Contains("INF greet started (attempt 1/1): run: echo 'hello 42'", csv.Timeline);
        Assert.True(json.ExitCode == 0, json.ToString());
        AssertContainsInOrder(json.StdoutLines, "Outputs:", "  sum: -2", "  names: 2");
    }

    [Fact]
    public async Task Run_ParameterThatDoesNotConvert_ExitsOneWithRB0401()
    {
        _dir.Write("hello.yaml", Hello);

        var result = await CliProcess.RunAsync(_dir, "run", "hello.yaml", "-p", "count=many");

        Assert.True(result.ExitCode == 1, result.ToString());
        AssertLines(result.StdoutLines,
            "error: the parameters do not fit the runbook; nothing ran",
            "  hello.yaml:<n>:<n>: error RB0401 at parameters.count: parameter 'count': expected an int, got 'many'");
    }

    [Fact]
    public async Task Run_UndeclaredParameter_ExitsOneWithRB0403()
    {
        _dir.Write("hello.yaml", Hello);

        var result = await CliProcess.RunAsync(_dir, "run", "hello.yaml", "-p", "cout=2");

        Assert.True(result.ExitCode == 1, result.ToString());
        AssertLines(result.StdoutLines,
            "error: the parameters do not fit the runbook; nothing ran",
            "  hello.yaml:<n>:<n>: error RB0403 at parameters.cout: 'hello' has no parameter 'cout' (did you mean 'count'?); its parameters: count, names");
    }

    [Fact]
    public async Task Run_MissingRequiredParameter_ExitsOneWithRB0402AndRunsNothing()
    {
        _dir.Write("needs-host.yaml", NeedsHost);

        var result = await CliProcess.RunAsync(_dir, "run", "needs-host.yaml");

        Assert.True(result.ExitCode == 1, result.ToString());
        AssertLines(result.StdoutLines,
            "error: the parameters do not fit the runbook; nothing ran",
            "  needs-host.yaml:<n>:<n>: error RB0402 at parameters.host: parameter 'host' (string) is required; pass it with -p host=…");
        Assert.DoesNotContain(result.Timeline, line => line.Contains("started", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Run_InvalidRunbook_ExitsOneWithEveryDiagnostic()
    {
        _dir.Write("bad.yaml", "name: bad\nsteps:\n  - id: a\n    action: shel\n");

        var result = await CliProcess.RunAsync(_dir, "run", "bad.yaml");

        Assert.True(result.ExitCode == 1, result.ToString());
        AssertLines(result.StdoutLines,
            "error: bad.yaml is invalid; nothing ran",
            "  bad.yaml:4:13: error RB0201 at steps[0].action: unknown action 'shel' (did you mean 'shell'?); available actions: approval, assert, audit.check, disk.usage, file.exists, file.line, file.read, file.write, host.reboot, http.check, http.request, log, notify.webhook, package.check, package.install, package.remove, package.update, process.kill, process.list, runbook, service.disable, service.enable, service.reload, service.restart, service.start, service.status, service.stop, set, shell, ssh.command, ssh.script, wait");
    }

    [Theory]
    [InlineData("-p expects key=value, got 'bad'", "-p", "bad")]
    [InlineData("-p expects key=value, got '=x'", "-p", "=x")]
    [InlineData("parameter 'count' is given twice", "-p", "count=1", "-p", "count=2")]
    public async Task Run_BadParameterSyntax_ExitsTwo(string message, params string[] parameters)
    {
        _dir.Write("hello.yaml", Hello);

        var result = await CliProcess.RunAsync(_dir, ["run", "hello.yaml", .. parameters]);

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("", result.Stdout);
        Assert.Equal($"error: {message}\n", result.Stderr);
    }

    [Fact]
    public async Task Run_MissingFile_ExitsTwo()
    {
        var result = await CliProcess.RunAsync(_dir, "run", "nowhere.yaml");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("error: no such runbook file: nowhere.yaml\n", result.Stderr);
    }

    [Fact]
    public async Task Run_UnknownOption_ExitsTwo()
    {
        _dir.Write("hello.yaml", Hello);

        var result = await CliProcess.RunAsync(_dir, "run", "hello.yaml", "--bogus");

        Assert.True(result.ExitCode == 2, result.ToString());
        AssertLines(result.Timeline,
            "error: Unrecognized command or argument '--bogus'.",
            "Run 'runbooks --help' for usage.");
    }

    [Fact]
    public async Task Run_OutputJson_PrintsTheRunResult()
    {
        _dir.Write("hello.yaml", Hello);

        var result = await CliProcess.RunAsync(_dir, "run", "hello.yaml", "--output", "json", "-p", "count=7");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.Equal("succeeded", root.GetProperty("status").GetString());
        Assert.Equal("hello", root.GetProperty("runbook").GetString());
        Assert.Matches("^[0-9a-f]{32}$", root.GetProperty("runId").GetString());
        Assert.False(root.GetProperty("dryRun").GetBoolean());
        Assert.Equal(8, root.GetProperty("outputs").GetProperty("sum").GetInt32());
        var steps = root.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal(["greet", "mark"], steps.Select(s => s.GetProperty("path").GetString()));
        Assert.All(steps, s => Assert.Equal("shell", s.GetProperty("action").GetString()));
        Assert.All(steps, s => Assert.Equal("succeeded", s.GetProperty("status").GetString()));
        Assert.All(steps, s => Assert.Equal("local", s.GetProperty("target").GetString()));
        Assert.Equal("hello 8\n", steps[0].GetProperty("stdout").GetString());
        Assert.Equal(0, steps[0].GetProperty("exitCode").GetInt32());
        Assert.Contains("INF greet started (attempt 1/1): run: echo 'hello 8'", result.Timeline);
    }

    [Fact]
    public async Task Run_OutputJsonOnFailure_ExitsOneWithStatusFailed()
    {
        _dir.Write("failing.yaml", Failing);

        var result = await CliProcess.RunAsync(_dir, "run", "failing.yaml", "-o", "json");

        Assert.True(result.ExitCode == 1, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal("failed", json.RootElement.GetProperty("status").GetString());
        Assert.StartsWith("step 'boom' failed: exit code 3", json.RootElement.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Equal(["failed", "skipped"], json.RootElement.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task Run_MissingSecret_ExitsOneNamingTheVariable()
    {
        _dir.Write("secretive.yaml", """
            name: secretive
            steps:
              - id: show
                action: log
                with: { message: "{{ secrets.api_key }}" }
            """);

        var result = await CliProcess.RunAsync(_dir, "run", "secretive.yaml");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("", result.Stdout);
        AssertLines(result.Timeline,
            "error: 'secretive' needs secrets that are not set, so it did not start:",
            "  secrets.api_key: set the environment variable RUNBOOKS_SECRET_API_KEY");
    }

    [Fact]
    public async Task Run_ConfigOption_UsesThatFileForLogging()
    {
        _dir.Write("hello.yaml", Hello);
        var config = _dir.Write("quiet.json", """
            { "Serilog": { "Using": [ "Serilog.Sinks.Console" ], "MinimumLevel": { "Default": "Warning" },
              "WriteTo": [ { "Name": "Console", "Args": { "standardErrorFromLevel": "Verbose", "outputTemplate": "{Level:u3} {Message:lj}{NewLine}" } } ] } }
            """);

        var result = await CliProcess.RunAsync(_dir, "run", "hello.yaml", "--config", config);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("", result.Stderr);
        Assert.False(Directory.Exists(_dir["logs"]), "this configuration has no file sink");
    }
}
