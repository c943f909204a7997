using System.Diagnostics;
using Runbooks.Core;
using Runbooks.Core.Execution;
using Runbooks.Core.Inventory;
using Runbooks.Testing.Ssh;
using Runbooks.Transports.Ssh;

namespace Runbooks.Transports.Tests.Ssh;

public sealed class SshExecutorTests : IClassFixture<SshdFixture>, IDisposable
{
    private readonly SshdFixture _sshd;
    private readonly SshExecutorFactory _factory;

    public SshExecutorTests(SshdFixture sshd)
    {
        _sshd = sshd;
        _factory = Factory(sshd.Host(hostKeys: [sshd.HostKeyFingerprint]));
    }

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task RunAsync_HostileArguments_ArriveByteIdenticalAndNothingRuns()
    {
        var marker = Path.Combine(Path.GetTempPath(), "runbooks-ssh-" + Guid.NewGuid().ToString("N"));
        string[] args = [$"$(touch {marker})", $"`touch {marker}`", $"; touch {marker}", "it's \"quoted\"", "", "-n", "--", "a b\tc", "*", "ünï"];
        var result = await Run(new CommandRequest { Argv = ["printf", "%s\\n", .. args] });
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(string.Join("", args.Select(a => a + "\n")), result.Stdout);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task RunAsync_FailingCommand_CapturesExitCodeAndStderr()
    {
        var result = await Run(new CommandRequest { Script = "echo out; echo oops >&2; exit 7" });
        Assert.Equal(7, result.ExitCode);
        Assert.Equal("out\n", result.Stdout);
        Assert.Equal("oops\n", result.Stderr);
    }

    [Fact]
    public async Task RunAsync_ScriptWithArgs_PassesThemAsPositionalParameters()
    {
        var lines = new List<OutputLine>();
        var result = await Run(new CommandRequest
        {
            Script = "printf '%s|' \"$0\" \"$#\" \"$@\"",
            ScriptArgs = ["one two", "$(id)", ""],
            OnOutput = line => { lock (lines) { lines.Add(line); } },
        });
        Assert.Equal("runbooks-script|3|one two|$(id)||", result.Stdout);
        Assert.Equal([new OutputLine("stdout", "runbooks-script|3|one two|$(id)||")], lines);
    }

    [Fact]
    public async Task RunAsync_EnvironmentAndWorkingDirectory_AreApplied()
    {
        var dir = Directory.CreateTempSubdirectory("runbooks ssh 'dir'").FullName;
        try
        {
            var result = await Run(new CommandRequest
            {
                Script = "pwd; printf '%s\\n' \"$GREETING\" \"$OTHER\"",
                Environment = new Dictionary<string, string> { ["GREETING"] = "hello $(touch x) 'world'", ["OTHER"] = "" },
                WorkingDirectory = dir,
            });
            Assert.Equal($"{dir}\nhello $(touch x) 'world'\n\n", result.Stdout);
            Assert.False(File.Exists(Path.Combine(dir, "x")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task RunAsync_InvalidEnvironmentName_ThrowsBeforeRunning()
    {
        var ex = await Assert.ThrowsAsync<RunbooksException>(() => Run(new CommandRequest
        {
            Argv = ["true"],
            Environment = new Dictionary<string, string> { ["A;B"] = "x" },
        }));
        Assert.Equal("environment variable name 'A;B' is not valid for a remote command; use letters, digits and '_', not starting with a digit", ex.Message);
    }

    [Fact]
    public async Task RunAsync_Stdin_IsFedToTheCommand()
    {
        var result = await Run(new CommandRequest { Argv = ["cat"], Stdin = "line 1\nline 2\n" });
        Assert.Equal("line 1\nline 2\n", result.Stdout);
        var empty = await Run(new CommandRequest { Argv = ["cat"] });
        Assert.Equal("", (await Run(new CommandRequest { Argv = ["cat"], Stdin = "" })).Stdout);
        Assert.Equal("", empty.Stdout);
    }

    [Fact]
    public async Task RunAsync_OutputPastTheBound_IsTruncatedWithMarker()
    {
        var result = await Run(new CommandRequest { Script = "printf 'abcdefghij%.0s' $(seq 1 10)", MaxOutputBytes = 25 });
        Assert.Equal("abcdefghijabcdefghijabcde" + BoundedText.TruncationMarker(75), result.Stdout);
    }

    [Fact]
    public async Task RunAsync_TwoCommands_ReuseOneConnection()
    {
        var executor = (SshExecutor)_factory.For(Target("sshd"));
        await executor.RunAsync(new CommandRequest { Argv = ["true"] }, CancellationToken.None);
        await executor.RunAsync(new CommandRequest { Argv = ["true"] }, CancellationToken.None);
        Assert.Same(executor, _factory.For(Target("sshd")));
        Assert.Equal(1, executor.Connections);
    }

    [Fact]
    public async Task RunAsync_Cancelled_KillsTheRemoteCommand()
    {
        var marker = Path.Combine(Path.GetTempPath(), "runbooks-ssh-" + Guid.NewGuid().ToString("N"));
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(1));
        var started = Stopwatch.GetTimestamp();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _factory.For(Target("sshd")).RunAsync(
            new CommandRequest { Script = $"sleep 30; touch {marker}", ScriptArgs = [marker] }, cts.Token));
        Assert.True(Stopwatch.GetElapsedTime(started) < TimeSpan.FromSeconds(15));
        await Task.Delay(TimeSpan.FromSeconds(2));
        Assert.False(File.Exists(marker));
        var ps = Process.Start(new ProcessStartInfo("ps", "-eo args") { RedirectStandardOutput = true })!;
        var processes = await ps.StandardOutput.ReadToEndAsync();
        await ps.WaitForExitAsync();
        Assert.DoesNotContain(marker, processes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_UnknownTarget_Throws()
    {
        var ex = Assert.Throws<RunbooksException>(() => _factory.For(Target("nope")));
        Assert.Equal("target 'nope' is not a host in inventory 'inventory.yaml'; add it there or fix the runbook's targets", ex.Message);
        await Task.CompletedTask;
    }

    internal static SshExecutorFactory Factory(InventoryHost host, string? knownHostsFile = null) =>
        new(new InventoryDefinition { Hosts = [host], Groups = [], SourcePath = "inventory.yaml", KnownHostsFile = knownHostsFile });

    internal static TargetInfo Target(string name) => new(name, "ssh", "127.0.0.1", new Dictionary<string, string>());

    private Task<CommandResult> Run(CommandRequest request) =>
        _factory.For(Target("sshd")).RunAsync(request, CancellationToken.None);
}
