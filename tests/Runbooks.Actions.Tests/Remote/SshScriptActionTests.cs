using Runbooks.Actions.Remote;
using Runbooks.Actions.Tests.TestSupport;
using Runbooks.Core.Actions;
using static Runbooks.Actions.Tests.TestSupport.Contexts;

namespace Runbooks.Actions.Tests.Remote;

public sealed class SshScriptActionTests(SshHost host) : IClassFixture<SshHost>
{
    private readonly SshScriptAction _action = new();

    [Fact]
    public async Task ExecuteAsync_InlineScriptWithHostileArgs_SeesThemAsPositionalParameters()
    {
        var tmp = SshHost.NewDirectory();
        var marker = Path.Combine(tmp, "x");

        var result = await Run(tmp, Map(
            ("script", "printf '[%s]' \"$@\"; printf ' %s' \"$RB_X\""),
            ("args", List($"$(touch {marker})", "; `id`", "-e")),
            ("env", Map(("RB_X", "v")))));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal($"[$(touch {marker})][; `id`][-e] v", result.Outputs["stdout"]);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task ExecuteAsync_Success_RanFromAPrivateTempFileThatIsGoneAfterwards()
    {
        var tmp = SshHost.NewDirectory();

        var result = await Run(tmp, Map(("script", "stat -c '%a %n' \"$0\"")));

        Assert.True(result.Succeeded, result.Error);
        var stdout = (string)result.Outputs["stdout"]!;
        Assert.StartsWith($"600 {tmp}/runbooks-script.", stdout, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFileSystemEntries(tmp));
    }

    [Fact]
    public async Task ExecuteAsync_ScriptFails_FailsAndRemovesTheTempFile()
    {
        var tmp = SshHost.NewDirectory();

        var result = await Run(tmp, Map(("script", "echo bad >&2; exit 3")));

        Assert.False(result.Succeeded);
        Assert.Equal("exit code 3 is not one of okExitCodes [0]; last lines of stderr:\nbad", result.Error);
        Assert.Empty(Directory.GetFileSystemEntries(tmp));
    }

    [Fact]
    public async Task ExecuteAsync_TimeoutWhileAScriptIgnoresTerm_RemovesTheTempFile()
    {
        var tmp = SshHost.NewDirectory();
        using var timeout = new CancellationTokenSource();
        var sink = new CollectingSink();
        var run = _action.ExecuteAsync(Create(Map(
            ("script", "trap '' TERM; echo started; sleep 60"),
            ("env", Map(("TMPDIR", tmp)))), sink: sink, executor: host.Executor), timeout.Token);
        while (!sink.Events.Any(e => e.RenderMessage().Contains("started", StringComparison.Ordinal)))
        {
            await Task.Delay(20);
        }
        Assert.Single(Directory.GetFileSystemEntries(tmp));

        await timeout.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.Empty(Directory.GetFileSystemEntries(tmp));
    }

    [Fact]
    public async Task ExecuteAsync_ScriptText_NeverAppearsInTheCommandLine()
    {
        var tmp = SshHost.NewDirectory();

        // The script prints its parent's (the wrapper shell's) command line; the marker below is only in the script.
        var result = await Run(tmp, Map(("script", "# SECRET-MARKER-42\ntr '\\0' ' ' </proc/$PPID/cmdline")));

        Assert.True(result.Succeeded, result.Error);
        var cmdline = (string)result.Outputs["stdout"]!;
        Assert.Contains("mktemp", cmdline, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET-MARKER-42", cmdline, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExecuteAsync_FileWithInterpreter_RunsTheFileBesideTheRunbook()
    {
        var tmp = SshHost.NewDirectory();
        var runbookDir = SshHost.NewDirectory();
        Directory.CreateDirectory(Path.Combine(runbookDir, "scripts"));
        await File.WriteAllTextAsync(Path.Combine(runbookDir, "scripts", "hello.sh"), "echo \"hello $1 from $0\" | sed \"s|$TMPDIR/runbooks-script\\.[A-Za-z0-9]*|tmpfile|\"\n");

        var result = await _action.ExecuteAsync(Create(Map(
            ("file", "scripts/hello.sh"), ("interpreter", "/bin/bash"), ("args", List("world")), ("env", Map(("TMPDIR", tmp)))),
            runbookPath: Path.Combine(runbookDir, "main.yaml"), executor: host.Executor), default);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("hello world from tmpfile\n", result.Outputs["stdout"]);
    }

    [Fact]
    public async Task ExecuteAsync_MissingFile_FailsNamingTheResolvedPath()
    {
        var result = await _action.ExecuteAsync(Create(Map(("file", "nope.sh")), runbookPath: "/runbooks/main.yaml", executor: host.Executor), default);

        Assert.False(result.Succeeded);
        Assert.Equal("script file 'nope.sh' does not exist (looked for /runbooks/nope.sh; 'file' is relative to the runbook /runbooks/main.yaml)", result.Error);
    }

    [Fact]
    public async Task ExecuteAsync_LocalTarget_FailsPointingAtShell()
    {
        var result = await _action.ExecuteAsync(Create(Map(("script", "true"))), default);

        Assert.Equal("ssh.script runs on SSH hosts; target 'local' is this machine — use the shell action", result.Error);
    }

    private Task<ActionResult> Run(string tmp, Dictionary<string, object?> inputs)
    {
        var env = inputs.TryGetValue("env", out var e) ? new Dictionary<string, object?>((Dictionary<string, object?>)e!) : [];
        env["TMPDIR"] = tmp;
        inputs["env"] = env;
        return _action.ExecuteAsync(Create(inputs, executor: host.Executor), default);
    }
}
