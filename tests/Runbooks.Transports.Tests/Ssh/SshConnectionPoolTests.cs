using Microsoft.Extensions.Time.Testing;
using Runbooks.Core;
using Runbooks.Core.Execution;
using Runbooks.Core.Inventory;
using Runbooks.Testing.Ssh;
using Runbooks.Transports.Ssh;

namespace Runbooks.Transports.Tests.Ssh;

/// <summary>One pooled connection per host: concurrent channels, the channel limit, and the idle timeout on a fake clock.</summary>
public sealed class SshConnectionPoolTests(SshdFixture sshd) : IClassFixture<SshdFixture>, IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("runbooks-pool-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task RunAsync_TwoConcurrentCommands_OverlapOnOneConnection()
    {
        using var factory = Factory();
        var executor = (SshExecutor)factory.For(SshExecutorTests.Target("sshd"));
        // Each command announces itself, then waits for the other: both succeed only if they run at the same time.
        const string Rendezvous = "touch \"$1/$2\"; i=0; while [ ! -e \"$1/$3\" ]; do i=$((i+1)); [ $i -gt 600 ] && exit 9; sleep 0.05; done";

        var results = await Task.WhenAll(
            executor.RunAsync(new CommandRequest { Script = Rendezvous, ScriptArgs = [_dir, "a", "b"] }, CancellationToken.None),
            executor.RunAsync(new CommandRequest { Script = Rendezvous, ScriptArgs = [_dir, "b", "a"] }, CancellationToken.None));

        Assert.Equal([0, 0], results.Select(r => r.ExitCode));
        Assert.Equal(1, executor.Connections);
    }

    [Fact]
    public async Task RunAsync_TwelveConcurrentCommands_AllSucceedOnOneConnection()
    {
        // sshd's MaxSessions (10) would refuse the 11th channel: the per-connection limit (8) queues the rest.
        using var factory = Factory();
        var executor = (SshExecutor)factory.For(SshExecutorTests.Target("sshd"));

        var results = await Task.WhenAll(Enumerable.Range(1, 12).Select(i =>
            executor.RunAsync(new CommandRequest { Argv = ["echo", $"command {i}"] }, CancellationToken.None)));

        Assert.Equal(Enumerable.Range(1, 12).Select(i => (0, $"command {i}\n")), results.Select(r => (r.ExitCode, r.Stdout)));
        Assert.Equal(1, executor.Connections);
    }

    [Fact]
    public async Task RunAsync_ChannelLimitOne_RunsCommandsOneAtATime()
    {
        using var factory = Factory(new SshTransportOptions { MaxChannelsPerConnection = 1 });
        var executor = factory.For(SshExecutorTests.Target("sshd"));
        var log = Path.Combine(_dir, "log");
        const string Record = "echo \"start $2\" >> \"$1\"; sleep 0.3; echo \"end $2\" >> \"$1\"";

        await Task.WhenAll(
            executor.RunAsync(new CommandRequest { Script = Record, ScriptArgs = [log, "x"] }, CancellationToken.None),
            executor.RunAsync(new CommandRequest { Script = Record, ScriptArgs = [log, "y"] }, CancellationToken.None));

        var lines = await File.ReadAllLinesAsync(log);
        Assert.Equal(4, lines.Length);
        Assert.Equal(lines[0][6..], lines[1][4..]); // the first command ended before the second started
        Assert.Equal(lines[2][6..], lines[3][4..]);
    }

    [Fact]
    public async Task RunAsync_UnusedPastTheIdleTimeout_ConnectionClosedAndReopenedOnNextCommand()
    {
        var time = new FakeTimeProvider();
        using var factory = Factory(new SshTransportOptions { IdleTimeout = TimeSpan.FromMinutes(5) }, time);
        var executor = (SshExecutor)factory.For(SshExecutorTests.Target("sshd"));
        await executor.RunAsync(new CommandRequest { Argv = ["true"] }, CancellationToken.None);

        time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromSeconds(1));
        var openBefore = executor.IsConnected;
        time.Advance(TimeSpan.FromSeconds(1));
        var openAfter = executor.IsConnected;
        var result = await executor.RunAsync(new CommandRequest { Argv = ["echo", "again"] }, CancellationToken.None);

        Assert.Equal((true, false), (openBefore, openAfter));
        Assert.Equal(("again\n", 2, true), (result.Stdout, executor.Connections, executor.IsConnected));
    }

    [Fact]
    public async Task RunAsync_CommandsWithinTheIdleTimeout_KeepOneConnection()
    {
        var time = new FakeTimeProvider();
        using var factory = Factory(new SshTransportOptions { IdleTimeout = TimeSpan.FromMinutes(5) }, time);
        var executor = (SshExecutor)factory.For(SshExecutorTests.Target("sshd"));

        for (var i = 0; i < 3; i++)
        {
            await executor.RunAsync(new CommandRequest { Argv = ["true"] }, CancellationToken.None);
            time.Advance(TimeSpan.FromMinutes(4));
        }

        Assert.Equal((1, true), (executor.Connections, executor.IsConnected));
    }

    [Fact]
    public async Task RunAsync_HostBehindJumpHostIdlesOut_JumpConnectionClosesOneIdleTimeoutLater()
    {
        var time = new FakeTimeProvider();
        var jump = sshd.Host("bastion", [sshd.HostKeyFingerprint]);
        var web = sshd.Host("web", [sshd.HostKeyFingerprint]) with { JumpHost = "bastion" };
        using var factory = new SshExecutorFactory(new InventoryDefinition { Hosts = [jump, web], Groups = [], SourcePath = "inventory.yaml" },
            new SshTransportOptions { IdleTimeout = TimeSpan.FromMinutes(5) }, time);
        var jumpExecutor = (SshExecutor)factory.For(SshExecutorTests.Target("bastion"));
        var webExecutor = (SshExecutor)factory.For(SshExecutorTests.Target("web"));
        await webExecutor.RunAsync(new CommandRequest { Argv = ["true"] }, CancellationToken.None);

        time.Advance(TimeSpan.FromMinutes(5));
        var afterTarget = (webExecutor.IsConnected, jumpExecutor.IsConnected);
        time.Advance(TimeSpan.FromMinutes(5));

        Assert.Equal((false, true), afterTarget); // the tunnel held the jump connection until the target closed
        Assert.Equal((false, false), (webExecutor.IsConnected, jumpExecutor.IsConnected));
    }

    [Fact]
    public void Constructor_InvalidOptions_ListsEveryProblem()
    {
        var ex = Assert.Throws<RunbooksException>(() => Factory(new SshTransportOptions
        {
            ConnectTimeout = TimeSpan.Zero, KeepAlive = TimeSpan.FromSeconds(-1), IdleTimeout = TimeSpan.Zero, MaxChannelsPerConnection = 0,
        }));
        Assert.Equal(
            "Runbooks:Ssh:ConnectTimeout must be positive (is 00:00:00); Runbooks:Ssh:KeepAlive must be zero (off) or positive (is -00:00:01); " +
            "Runbooks:Ssh:IdleTimeout must be positive (is 00:00:00); Runbooks:Ssh:MaxChannelsPerConnection must be at least 1 (is 0)",
            ex.Message);
    }

    private SshExecutorFactory Factory(SshTransportOptions? options = null, TimeProvider? time = null) =>
        new(new InventoryDefinition { Hosts = [sshd.Host(hostKeys: [sshd.HostKeyFingerprint])], Groups = [], SourcePath = "inventory.yaml" }, options, time);
}
