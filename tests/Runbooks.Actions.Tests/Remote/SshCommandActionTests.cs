using Runbooks.Actions.Remote;
using Runbooks.Core.Actions;
using static Runbooks.Actions.Tests.TestSupport.Contexts;

namespace Runbooks.Actions.Tests.Remote;

public sealed class SshCommandActionTests(SshHost host) : IClassFixture<SshHost>
{
    private readonly SshCommandAction _action = new();

    [Fact]
    public async Task ExecuteAsync_HostileArgv_ReachesTheProgramAsDataAndRunsNothing()
    {
        var dir = SshHost.NewDirectory();
        var marker = Path.Combine(dir, "x");
        string[] hostile = [$"$(touch {marker})", $"`touch {marker}`", $"; touch {marker}", "'\"", "-n"];

        var result = await Run(Map(("argv", List(["printf", "[%s]", .. hostile]))));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(string.Concat(hostile.Select(h => $"[{h}]")), result.Outputs["stdout"]);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task ExecuteAsync_Command_RunsThroughShWithEnvWorkingDirAndStdin()
    {
        var dir = SshHost.NewDirectory();

        var result = await Run(Map(
            ("command", "read line; printf '%s|%s|%s' \"$RB_X\" \"$line\" \"$(pwd)\"; echo oops >&2"),
            ("env", Map(("RB_X", "x y"))),
            ("workingDir", dir),
            ("stdin", "from stdin\n")));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal((0L, $"x y|from stdin|{dir}", "oops\n"), (result.Outputs["exitCode"], result.Outputs["stdout"], result.Outputs["stderr"]));
        Assert.True(result.Changed);
    }

    [Fact]
    public async Task ExecuteAsync_ExitCodeNotAllowed_FailsWithCodeAndStderr()
    {
        var result = await Run(Map(("command", "echo broken >&2; exit 4")));

        Assert.False(result.Succeeded);
        Assert.Equal("exit code 4 is not one of okExitCodes [0]; last lines of stderr:\nbroken", result.Error);
        Assert.Equal(4L, result.Outputs["exitCode"]);
    }

    [Fact]
    public async Task ExecuteAsync_LocalTarget_FailsPointingAtShell()
    {
        var result = await _action.ExecuteAsync(Create(Map(("argv", List("true")))), default);

        Assert.False(result.Succeeded);
        Assert.Equal("ssh.command runs on SSH hosts; target 'local' is this machine — use the shell action", result.Error);
    }

    [Fact]
    public void Descriptor_Command_IsAShellStringForRuleRB0307()
    {
        Assert.Equal(["command"], _action.Descriptor.ShellStringInputs);
        Assert.Equal(["argv"], _action.Descriptor.ArgvInputs);
    }

    [Fact]
    public void Describe_Argv_ShowsTheQuotedCommand()
    {
        var text = _action.Describe(new ActionInputs(Map(("argv", List("rm", "-f", "a b")), ("workingDir", "/tmp"))));

        Assert.Equal("run over ssh: rm -f 'a b'\nin: /tmp", text);
    }

    private Task<ActionResult> Run(Dictionary<string, object?> inputs) =>
        _action.ExecuteAsync(Create(inputs, executor: host.Executor), default);
}
