using System.Collections.Concurrent;
using Runbooks.Actions.Tests.TestSupport;
using Runbooks.Core;
using Runbooks.Core.Execution;
using Runbooks.Transports.Local;

namespace Runbooks.Actions.Tests.Local;

public sealed class LocalProcessExecutorTests
{
    private static readonly ITargetExecutor Executor = new LocalExecutorFactory().For(TargetInfo.Local);

    private static Task<CommandResult> RunAsync(CommandRequest request, CancellationToken cancellationToken = default) =>
        Executor.RunAsync(request, cancellationToken);

    [Fact]
    public async Task RunAsync_ArgvWithSpacesQuotesAndSemicolons_EachElementIsOneArgument()
    {
        var result = await RunAsync(new CommandRequest
        {
            Argv = ["printf", "[%s]\\n", "a b", "it's", "\"q\"", "x; echo pwned", "$HOME", "*", ""],
        });

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("[a b]\n[it's]\n[\"q\"]\n[x; echo pwned]\n[$HOME]\n[*]\n[]\n", result.Stdout);
    }

    [Fact]
    public async Task RunAsync_ScriptWithArgs_ArgsArePositionalParameters()
    {
        var result = await RunAsync(new CommandRequest
        {
            Script = "printf '%s|' \"$0\" \"$#\" \"$@\"",
            ScriptArgs = ["one two", "x;y", "'"],
        });

        Assert.Equal("runbooks-script|3|one two|x;y|'|", result.Stdout);
    }

    [Fact]
    public async Task RunAsync_ScriptWithOtherInterpreter_RunsIt()
    {
        var result = await RunAsync(new CommandRequest { Script = "echo \"${BASH_VERSION:+bash}\"", Interpreter = "bash" });

        Assert.Equal("bash\n", result.Stdout);
    }

    [Fact]
    public async Task RunAsync_Environment_IsSeenByTheCommand()
    {
        var result = await RunAsync(new CommandRequest
        {
            Script = "printf '%s' \"$RB_TEST_VALUE\"",
            Environment = new Dictionary<string, string> { ["RB_TEST_VALUE"] = "v a;l" },
        });

        Assert.Equal("v a;l", result.Stdout);
    }

    [Fact]
    public async Task RunAsync_WorkingDirectory_IsTheCommandsCurrentDirectory()
    {
        var dir = Directory.CreateTempSubdirectory("runbooks-wd-");
        try
        {
            var result = await RunAsync(new CommandRequest { Argv = ["pwd", "-P"], WorkingDirectory = dir.FullName });

            Assert.Equal(new DirectoryInfo(dir.FullName).ResolveLinkTarget(true)?.FullName ?? dir.FullName, result.Stdout.TrimEnd('\n'));
        }
        finally
        {
            dir.Delete();
        }
    }

    [Fact]
    public async Task RunAsync_MissingWorkingDirectory_ThrowsNamingIt()
    {
        var ex = await Assert.ThrowsAsync<RunbooksException>(() =>
            RunAsync(new CommandRequest { Argv = ["true"], WorkingDirectory = "/no/such/dir" }));

        Assert.Equal("working directory '/no/such/dir' does not exist on local", ex.Message);
    }

    [Fact]
    public async Task RunAsync_Stdin_IsWrittenThenClosed()
    {
        var result = await RunAsync(new CommandRequest { Argv = ["cat"], Stdin = "hello\nwörld" });

        Assert.Equal("hello\nwörld", result.Stdout);
    }

    [Fact]
    public async Task RunAsync_NoStdin_StdinIsClosedAtOnce()
    {
        var result = await RunAsync(new CommandRequest { Argv = ["cat"] });

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task RunAsync_NonZeroExit_ReturnsExitCodeAndStderr()
    {
        var result = await RunAsync(new CommandRequest { Script = "echo oops >&2; exit 3" });

        Assert.Equal(3, result.ExitCode);
        Assert.Equal("oops\n", result.Stderr);
        Assert.True(result.Duration > TimeSpan.Zero);
    }

    [Fact]
    public async Task RunAsync_ProgramNotFound_Exits127WithCommandNotFound()
    {
        var lines = new List<OutputLine>();
        var result = await RunAsync(new CommandRequest { Argv = ["no-such-program-rb"], OnOutput = lines.Add });

        Assert.Equal(127, result.ExitCode);
        Assert.Equal("command not found: no-such-program-rb\n", result.Stderr);
        Assert.Equal([new OutputLine("stderr", "command not found: no-such-program-rb")], lines);
    }

    [Fact]
    public async Task RunAsync_InterpreterNotFound_Exits127()
    {
        var result = await RunAsync(new CommandRequest { Script = "true", Interpreter = "/no/such/shell" });

        Assert.Equal(127, result.ExitCode);
        Assert.Equal("command not found: /no/such/shell\n", result.Stderr);
    }

    [Fact]
    public async Task RunAsync_OnOutput_ReceivesLinesWhileTheCommandRuns()
    {
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var lines = new ConcurrentQueue<OutputLine>();
        var run = RunAsync(new CommandRequest
        {
            Script = "echo first; echo err >&2; sleep 2; printf last",
            OnOutput = line =>
            {
                lines.Enqueue(line);
                if (line.Text == "first")
                {
                    first.TrySetResult();
                }
            },
        });

        await first.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(run.IsCompleted);
        await run;
        Assert.Equal(["stdout:first", "stdout:last"], lines.Where(l => l.Stream == "stdout").Select(l => $"{l.Stream}:{l.Text}"));
        Assert.Contains(new OutputLine("stderr", "err"), lines);
    }

    [Fact]
    public async Task RunAsync_OutputPastTheBound_IsTruncatedWithMarker()
    {
        var lines = new List<OutputLine>();
        var result = await RunAsync(new CommandRequest
        {
            Script = "echo 12345; echo 67890; echo abcdef",
            MaxOutputBytes = 10,
            OnOutput = lines.Add,
        });

        // "12345\n" (6 bytes) fits; "67890\n" only partly; the callback never sees a cut line.
        Assert.Equal("12345\n6789" + BoundedText.TruncationMarker(9), result.Stdout);
        Assert.Equal([new OutputLine("stdout", "12345")], lines);
    }

    [Fact]
    public async Task RunAsync_Cancelled_KillsTheProcessTreeAndThrows()
    {
        var pid = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cts = new CancellationTokenSource();
        var run = RunAsync(new CommandRequest
        {
            Script = "sleep 100 & echo $!; wait",
            OnOutput = line => pid.TrySetResult(int.Parse(line.Text)),
        }, cts.Token);
        var grandchild = await pid.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(TestSupport.Processes.IsAlive(grandchild));

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.True(await TestSupport.Processes.WaitGoneAsync(grandchild), $"grandchild {grandchild} is still running");
    }

    [Fact]
    public async Task RunAsync_Cancelled_KillsOrphansLeftInTheGroup()
    {
        // The subshell exits at once, so the sleep is re-parented away from the tree: only the group kill reaches it.
        var pid = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var cts = new CancellationTokenSource();
        var run = RunAsync(new CommandRequest
        {
            Script = "(sleep 100 >/dev/null 2>&1 & echo $!); sleep 100",
            OnOutput = line => pid.TrySetResult(int.Parse(line.Text)),
        }, cts.Token);
        var orphan = await pid.Task.WaitAsync(TimeSpan.FromSeconds(10));

        await cts.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => run);
        Assert.True(await TestSupport.Processes.WaitGoneAsync(orphan), $"orphan {orphan} is still running");
    }

    [Fact]
    public async Task RunAsync_Command_LeadsASessionOfItsOwn()
    {
        // /proc/<pid>/stat: field 1 is the pid, field 6 the session id; "sh" has no space, so the fields split cleanly.
        var result = await RunAsync(new CommandRequest { Script = "read -r stat < /proc/$$/stat; set -- $stat; echo \"$1 $6 $5\"" });

        var fields = result.Stdout.Trim().Split(' ');
        Assert.Equal(fields[0], fields[1]);
        Assert.Equal(fields[0], fields[2]);
        Assert.NotEqual(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), fields[1]);
    }

    [Fact]
    public async Task RunAsync_Pipeline_SignalsAreAtTheirDefaults()
    {
        // .NET ignores SIGPIPE; a command that inherited that would see `yes` fail with "Broken pipe" instead of being
        // ended quietly by the signal, as it is in a terminal.
        var result = await RunAsync(new CommandRequest { Script = "yes | head -n 1; trap" });

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("y\n", result.Stdout);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public async Task RunAsync_KilledBySignal_ExitsWith128PlusTheSignal()
    {
        var result = await RunAsync(new CommandRequest { Script = "kill -KILL $$" });

        Assert.Equal(137, result.ExitCode);
    }

    [Fact]
    public async Task RunAsync_SecretVariableOfTheProcess_IsNotInherited()
    {
        Environment.SetEnvironmentVariable("RUNBOOKS_SECRET_LOCAL_TEST", "hunter2");
        try
        {
            var result = await RunAsync(new CommandRequest { Argv = ["env"], Environment = new Dictionary<string, string> { ["GIVEN"] = "yes" } });

            Assert.DoesNotContain("hunter2", result.Stdout, StringComparison.Ordinal);
            Assert.Contains("GIVEN=yes\n", result.Stdout, StringComparison.Ordinal);
            Assert.Contains("PATH=", result.Stdout, StringComparison.Ordinal);
        }
        finally
        {
            Environment.SetEnvironmentVariable("RUNBOOKS_SECRET_LOCAL_TEST", null);
        }
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task RunAsync_ScriptFileWithoutInterpreterLine_RunsWithSh()
    {
        var dir = Directory.CreateTempSubdirectory("runbooks-local-");
        var script = Path.Combine(dir.FullName, "plain.sh");
        File.WriteAllText(script, "echo \"plain $1\"\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);

        var result = await RunAsync(new CommandRequest { Argv = [script, "arg"] });
        dir.Delete(recursive: true);

        Assert.Equal((0, "plain arg\n"), (result.ExitCode, result.Stdout));
    }

    [Theory]
    [InlineData("#!/nonexistent/interpreter\necho never\n", true)]
    [InlineData("echo never\n", false)]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task RunAsync_FileThatCannotBeExecuted_Exits126WithTheReason(string text, bool executable)
    {
        var dir = Directory.CreateTempSubdirectory("runbooks-local-");
        var script = Path.Combine(dir.FullName, "broken.sh");
        File.WriteAllText(script, text);
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | (executable ? UnixFileMode.UserExecute : 0));

        var result = await RunAsync(new CommandRequest { Argv = [script] });
        dir.Delete(recursive: true);

        Assert.Equal(126, result.ExitCode);
        Assert.StartsWith($"cannot execute {script}: ", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task RunAsync_AlreadyCancelled_ThrowsWithoutStarting()
    {
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            RunAsync(new CommandRequest { Argv = ["true"] }, new CancellationToken(canceled: true)));
    }

    [Fact]
    public async Task RunAsync_BackgroundChildHoldsPipes_ReturnsAfterTheCommandExits()
    {
        var result = await RunAsync(new CommandRequest { Script = "sleep 30 & echo $!" }).WaitAsync(TimeSpan.FromSeconds(10));

        var pid = int.Parse(result.Stdout.Trim());
        Assert.Equal(0, result.ExitCode);
        System.Diagnostics.Process.GetProcessById(pid).Kill();
    }
}
