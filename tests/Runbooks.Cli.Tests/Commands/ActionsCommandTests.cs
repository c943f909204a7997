using System.Text.Json;
using Runbooks.Cli.Tests.TestSupport;

namespace Runbooks.Cli.Tests.Commands;

public sealed class ActionsCommandTests : IDisposable
{
    private static readonly string[] BuiltIns =
    [
        "shell", "http.request", "http.check", "wait", "assert", "audit.check", "log", "set", "notify.webhook", "runbook",
        "ssh.command", "ssh.script", "file.exists", "file.read", "file.write", "file.line", "disk.usage", "process.list", "process.kill",
        "service.status", "service.start", "service.stop", "service.restart", "service.reload", "service.enable", "service.disable",
        "package.check", "package.update", "package.install", "package.remove", "host.reboot", "approval",
    ];

    private readonly TempWorkDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Actions_NoName_ListsEveryBuiltIn()
    {
        var result = await CliProcess.RunAsync(_dir, "actions");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.All(BuiltIns, name => Assert.Contains(result.StdoutLines, line => line.Contains(name, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Actions_OutputJson_DescribesEveryBuiltInWithItsInputSchema()
    {
        var result = await CliProcess.RunAsync(_dir, "actions", "--output", "json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var actions = json.RootElement.EnumerateArray().ToList();
        Assert.Equal(BuiltIns.Order(StringComparer.Ordinal), actions.Select(a => a.GetProperty("name").GetString()).Order(StringComparer.Ordinal));
        Assert.All(actions, a => Assert.Equal(JsonValueKind.Object, a.GetProperty("inputs").ValueKind));
        var shell = actions.Single(a => a.GetProperty("name").GetString() == "shell");
        Assert.Equal(["script"], shell.GetProperty("shellStringInputs").EnumerateArray().Select(e => e.GetString()));
        Assert.False(shell.GetProperty("idempotentByDefault").GetBoolean());
    }

    [Fact]
    public async Task Actions_Shell_ShowsArgvAndScriptInputsOnOneLineEach()
    {
        var result = await CliProcess.RunAsync(_dir, "actions", "shell");

        Assert.True(result.ExitCode == 0, result.ToString());
        var lines = result.StdoutLines;
        Assert.Equal("shell (Command): Runs a program (argv, no shell) or a script on the target; fails when the exit code is not allowed.", lines[0]);
        Assert.Equal("Idempotent by default: no", lines[1]);
        Assert.Equal("Inputs (with:)", lines[2]);
        Assert.Contains(lines, l => l.StartsWith("  argv (list): ", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("  script (string, shell string: quote untrusted values): ", StringComparison.Ordinal));
        Assert.Contains("  okExitCodes (list, default [0]): Exit codes that count as success.", lines);
        Assert.Contains("  exactly one of: argv, script", lines);
        Assert.Contains("Outputs (steps.<id>.outputs.*)", lines);
        Assert.Contains(lines, l => l.StartsWith("  exitCode (int): ", StringComparison.Ordinal));
        // Every input and output is one line: a default printed as indented JSON would break the layout.
        Assert.All(lines.Skip(3), l => Assert.True(l.StartsWith("  ", StringComparison.Ordinal) || l.StartsWith("Outputs", StringComparison.Ordinal), l));
    }

    [Fact]
    public async Task Actions_Misspelled_ExitsTwoWithDidYouMean()
    {
        var result = await CliProcess.RunAsync(_dir, "actions", "shel");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("", result.Stdout);
        Assert.Equal("error: unknown action 'shel' (did you mean 'shell'?); available: approval, assert, audit.check, disk.usage, file.exists, file.line, file.read, file.write, host.reboot, http.check, http.request, log, notify.webhook, package.check, package.install, package.remove, package.update, process.kill, process.list, runbook, service.disable, service.enable, service.reload, service.restart, service.start, service.status, service.stop, set, shell, ssh.command, ssh.script, wait\n", result.Stderr);
    }

    [Fact]
    public async Task Actions_Unknown_ExitsTwoListingTheAvailable()
    {
        var result = await CliProcess.RunAsync(_dir, "actions", "nope");

        Assert.True(result.ExitCode == 2, result.ToString());
        Assert.Equal("error: unknown action 'nope'; available: approval, assert, audit.check, disk.usage, file.exists, file.line, file.read, file.write, host.reboot, http.check, http.request, log, notify.webhook, package.check, package.install, package.remove, package.update, process.kill, process.list, runbook, service.disable, service.enable, service.reload, service.restart, service.start, service.status, service.stop, set, shell, ssh.command, ssh.script, wait\n", result.Stderr);
    }
}
