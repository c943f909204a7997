using Runbooks.Actions.Shell;
using Runbooks.Actions.Tests.TestSupport;
using Runbooks.Core.Actions;
using Runbooks.Core.Secrets;
using static Runbooks.Actions.Tests.TestSupport.Contexts;

namespace Runbooks.Actions.Tests.Shell;

public sealed class ShellActionTests
{
    private readonly ShellAction _action = new();

    [Fact]
    public async Task ExecuteAsync_Argv_OutputsExitCodeAndStdout()
    {
        var result = await _action.ExecuteAsync(Create(Map(("argv", List("printf", "%s", "a b; c")))), default);

        Assert.True(result.Succeeded);
        Assert.Equal(0L, result.Outputs["exitCode"]);
        Assert.Equal("a b; c", result.Outputs["stdout"]);
        Assert.Equal("", result.Outputs["stderr"]);
        Assert.Equal(0, result.ExitCode);
    }

    [Fact]
    public async Task ExecuteAsync_ScriptWithArgsEnvAndStdin_PassesEachThrough()
    {
        var dir = Path.GetTempPath();
        var result = await _action.ExecuteAsync(Create(Map(
            ("script", "read line; printf '%s|%s|%s|%s' \"$1\" \"$RB_X\" \"$line\" \"$(pwd)\""),
            ("args", List("one two")),
            ("env", Map(("RB_X", "x y"))),
            ("stdin", "from stdin\n"),
            ("workingDir", dir))), default);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal($"one two|x y|from stdin|{dir.TrimEnd('/')}", result.Outputs["stdout"]);
    }

    [Fact]
    public async Task ExecuteAsync_ExitCodeNotAllowed_FailsWithCodeAndLastStderrLines()
    {
        var result = await _action.ExecuteAsync(Create(Map(
            ("script", "for i in $(seq 1 12); do echo line$i >&2; done; exit 3"))), default);

        Assert.False(result.Succeeded);
        Assert.Equal(
            "exit code 3 is not one of okExitCodes [0]; last lines of stderr:\n" +
            string.Join('\n', Enumerable.Range(3, 10).Select(i => $"line{i}")),
            result.Error);
        Assert.Equal(3L, result.Outputs["exitCode"]);
    }

    [Fact]
    public async Task ExecuteAsync_ExitCodeInOkExitCodes_Succeeds()
    {
        var result = await _action.ExecuteAsync(Create(Map(("script", "exit 3"), ("okExitCodes", List(0L, 3L)))), default);

        Assert.True(result.Succeeded);
        Assert.Equal(3L, result.Outputs["exitCode"]);
    }

    [Fact]
    public async Task ExecuteAsync_ProgramNotFound_FailsWithExit127()
    {
        var result = await _action.ExecuteAsync(Create(Map(("argv", List("no-such-program-rb")))), default);

        Assert.False(result.Succeeded);
        Assert.Equal("exit code 127 is not one of okExitCodes [0]; last lines of stderr:\ncommand not found: no-such-program-rb", result.Error);
    }

    [Fact]
    public async Task ExecuteAsync_ArgsWithArgv_FailsBeforeRunning()
    {
        var result = await _action.ExecuteAsync(Create(Map(("argv", List("true")), ("args", List("x")))), default);

        Assert.False(result.Succeeded);
        Assert.Equal("'args' is only used with 'script'; with 'argv', put the arguments in argv itself", result.Error);
    }

    [Fact]
    public async Task ExecuteAsync_OutputLines_AreLoggedWithStreamAndMasked()
    {
        var sink = new CollectingSink();
        var secrets = new SecretMasker();
        secrets.Add("hunter2");
        await _action.ExecuteAsync(Create(Map(("script", "echo out hunter2; echo err >&2")), sink: sink, secrets: secrets), default);

        var logged = sink.Events.Select(e => $"{e.Properties["Stream"]}:{e.Properties["Line"]}").Order().ToList();
        Assert.Equal(["\"stderr\":\"err\"", "\"stdout\":\"out ***\""], logged);
    }

    [Fact]
    public async Task ExecuteAsync_FailureMessage_MasksSecrets()
    {
        var secrets = new SecretMasker();
        secrets.Add("hunter2");
        var result = await _action.ExecuteAsync(Create(Map(("script", "echo token hunter2 >&2; exit 1")), secrets: secrets), default);

        Assert.Equal("exit code 1 is not one of okExitCodes [0]; last lines of stderr:\ntoken ***", result.Error);
    }

    [Fact]
    public async Task ExecuteAsync_OutputPastMaxOutputBytes_IsTruncated()
    {
        var result = await _action.ExecuteAsync(Create(Map(("script", "printf 1234567890"), ("maxOutputBytes", 4L))), default);

        Assert.Equal("1234\n…[truncated 6 bytes]", result.Outputs["stdout"]);
    }

    [Fact]
    public void Describe_Argv_ShowsEachArgumentPosixQuoted()
    {
        var text = _action.Describe(new ActionInputs(Map(("argv", List("rm", "-rf", "/tmp/a b", "it's", "x;y")))));

        Assert.Equal("run: rm -rf '/tmp/a b' 'it'\\''s' 'x;y'", text);
    }

    [Fact]
    public void Describe_Script_ShowsInterpreterArgsAndScript()
    {
        var text = _action.Describe(new ActionInputs(Map(
            ("script", "echo \"$1\""), ("interpreter", "/bin/bash"), ("args", List("a b")), ("env", Map(("TOKEN", "s"))))));

        Assert.Equal("run script with /bin/bash, args: 'a b'\necho \"$1\"\nenv: TOKEN", text);
    }

    [Fact]
    public void Descriptor_ArgvAndScript_AreExactlyOneOf()
    {
        Assert.Equal([["argv", "script"]], _action.Descriptor.Inputs.ExactlyOneOf);
        Assert.Equal(["script"], _action.Descriptor.ShellStringInputs);
        Assert.Equal(["argv", "args"], _action.Descriptor.ArgvInputs);
        Assert.False(_action.Descriptor.IdempotentByDefault);
    }
}
