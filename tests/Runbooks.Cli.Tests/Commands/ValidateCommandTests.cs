using System.Text.Json;
using Runbooks.Cli.Tests.TestSupport;
using static Runbooks.Cli.Tests.TestSupport.LinePattern;

namespace Runbooks.Cli.Tests.Commands;

public sealed class ValidateCommandTests : IDisposable
{
    private const string Valid = """
        name: hello
        steps:
          - id: greet
            action: log
            with: { message: hi }
        """;

    // One problem per line, so every diagnostic's line:column is known; each points at the offending key or value.
    private const string Broken = """
        name: Bad_Name
        parameters:
          port: { type: int, default: http }
        steps:
          - id: a
            action: shel
            with: { argv: [echo] }
          - id: b
            action: shell
            retries: 3
            continueOnError: yes
            timeout: "30"
            with: { argv: [echo, "{{ params.hots }}"] }
        """;

    private readonly TempWorkDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Validate_ValidFile_PrintsOkAndExitsZero()
    {
        _dir.Write("hello.yaml", Valid);

        var result = await CliProcess.RunAsync(_dir, "validate", "hello.yaml");

        Assert.True(result.ExitCode == 0, result.ToString());
        AssertLines(result.StdoutLines,
            "ok       hello.yaml (hello)",
            "1 runbook(s) valid");
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public async Task Validate_FileWithSeveralProblems_PrintsEveryDiagnosticWithLineAndColumn()
    {
        _dir.Write("broken.yaml", Broken);

        var result = await CliProcess.RunAsync(_dir, "validate", "broken.yaml");

        Assert.True(result.ExitCode == 1, result.ToString());
        AssertLines(result.StdoutLines,
            "invalid  broken.yaml",
            "  broken.yaml:1:7: error RB0106 at name: 'Bad_Name' is not valid; expected a name that starts with a lowercase letter, followed by lowercase letters, digits, '-' or '_' (at most 63 characters)",
            "  broken.yaml:3:31: error RB0111 at parameters.port.default: the default does not fit the parameter: expected an int, got 'http'",
            "  broken.yaml:6:13: error RB0201 at steps[0].action: unknown action 'shel' (did you mean 'shell'?); available actions: approval, assert, audit.check, disk.usage, file.exists, file.line, file.read, file.write, host.reboot, http.check, http.request, log, notify.webhook, package.check, package.install, package.remove, package.update, process.kill, process.list, runbook, service.disable, service.enable, service.reload, service.restart, service.start, service.status, service.stop, set, shell, ssh.command, ssh.script, wait",
            "  broken.yaml:10:5: error RB0101 at steps[1].retries: unknown key 'retries'; allowed keys: id, name, action, with, if, retry, timeout, continueOnError, idempotent, outputs, forEach, steps, parallel, onFailure",
            "  broken.yaml:11:22: error RB0103 at steps[1].continueOnError: expected a bool (true or false), got a string ('yes')",
            "  broken.yaml:12:14: error RB0105 at steps[1].timeout: '30' is not a duration; expected a number with a unit: ms, s, m, h or d (e.g. 500ms, 30s, 5m, 1h30m), at most 24d",
            "  broken.yaml:13:30: error RB0302 at steps[1].with.argv[1]: unknown parameter 'hots'; declared parameters: port",
            "7 problem(s) in 1 of 1 runbook(s)");
    }

    [Fact]
    public async Task Validate_Folder_ChecksEveryYamlFileInOrderAndIgnoresOthers()
    {
        _dir.Write("books/b.yaml", Valid.Replace("hello", "second", StringComparison.Ordinal));
        _dir.Write("books/a.yml", Valid);
        _dir.Write("books/nested/c.yaml", "name: third\nsteps: []\nbogus: 1\n");
        _dir.Write("books/notes.txt", "not a runbook");

        var result = await CliProcess.RunAsync(_dir, "validate", "books");

        Assert.True(result.ExitCode == 1, result.ToString());
        AssertLines(result.StdoutLines,
            "ok       books/a.yml (hello)",
            "ok       books/b.yaml (second)",
            "invalid  books/nested/c.yaml",
            "  books/nested/c.yaml:3:1: error RB0101 at bogus: unknown key 'bogus'; allowed keys: name, description, version, tags, parameters, targets, triggers, steps, onFailure, finally, outputs, designer",
            "1 problem(s) in 1 of 3 runbook(s)");
    }

    [Fact]
    public async Task Validate_OutputJson_ListsFilesWithProblemsAsObjects()
    {
        _dir.Write("hello.yaml", Valid);
        _dir.Write("broken.yaml", Broken);

        var result = await CliProcess.RunAsync(_dir, "validate", "hello.yaml", "broken.yaml", "--output", "json");

        Assert.True(result.ExitCode == 1, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var root = json.RootElement;
        Assert.False(root.GetProperty("valid").GetBoolean());
        var files = root.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(["hello.yaml", "broken.yaml"], files.Select(f => f.GetProperty("file").GetString()));
        Assert.True(files[0].GetProperty("valid").GetBoolean());
        Assert.Equal("hello", files[0].GetProperty("name").GetString());
        Assert.Empty(files[0].GetProperty("problems").EnumerateArray());
        Assert.False(files[1].GetProperty("valid").GetBoolean());
        var problems = files[1].GetProperty("problems").EnumerateArray().ToList();
        Assert.Equal(7, problems.Count);
        var first = problems[0];
        Assert.Equal("broken.yaml", first.GetProperty("file").GetString());
        Assert.Equal(1, first.GetProperty("line").GetInt32());
        Assert.Equal(7, first.GetProperty("column").GetInt32());
        Assert.Equal("RB0106", first.GetProperty("code").GetString());
        Assert.Equal("name", first.GetProperty("path").GetString());
        Assert.StartsWith("'Bad_Name' is not valid", first.GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(["RB0106", "RB0111", "RB0201", "RB0101", "RB0103", "RB0105", "RB0302"], problems.Select(p => p.GetProperty("code").GetString()));
    }

    [Fact]
    public async Task Validate_MissingPath_ExitsTwoNamingIt()
    {
        var result = await CliProcess.RunAsync(_dir, "validate", "nowhere.yaml");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("", result.Stdout);
        Assert.Equal("error: no such file or folder: nowhere.yaml\n", result.Stderr);
    }

    [Fact]
    public async Task Validate_FolderWithoutRunbooks_ExitsTwo()
    {
        Directory.CreateDirectory(_dir["empty"]);

        var result = await CliProcess.RunAsync(_dir, "validate", "empty");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("error: no runbook files (*.yaml, *.yml) in empty\n", result.Stderr);
    }

    [Fact]
    public async Task Validate_NoPath_ExitsTwoWithUsage()
    {
        var result = await CliProcess.RunAsync(_dir, "validate");

        Assert.True(result.ExitCode == 2, result.ToString());
        AssertLines(result.Timeline,
            "error: Required argument 'paths' missing for command: 'validate'.",
            "Run 'runbooks --help' for usage.");
    }
}
