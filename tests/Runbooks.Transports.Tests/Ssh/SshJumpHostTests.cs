using System.Globalization;
using Runbooks.Core;
using Runbooks.Core.Execution;
using Runbooks.Core.Inventory;
using Runbooks.Testing.Ssh;
using Runbooks.Transports.Ssh;

namespace Runbooks.Transports.Tests.Ssh;

/// <summary>Hosts behind a jump host, over two real sshd: one as the jump host, one as the target.</summary>
public sealed class SshJumpHostTests : IDisposable
{
    // DEBUG1: sshd logs each direct-tcpip request (originator and target) only at debug level.
    private readonly SshdFixture _jump = SshdFixture.Start(new SshdOptions { ExtraConfig = ["LogLevel DEBUG1"] });
    private readonly SshdFixture _target = SshdFixture.Start(new SshdOptions());

    public void Dispose()
    {
        _jump.Dispose();
        _target.Dispose();
    }

    [Fact]
    public async Task RunAsync_HostWithJumpHost_ConnectsThroughTheJumpHostsForwarding()
    {
        using var factory = Factory(_jump.Host("bastion", [_jump.HostKeyFingerprint]), Behind("web", [_target.HostKeyFingerprint]));

        var result = await factory.For(SshExecutorTests.Target("web")).RunAsync(new CommandRequest { Argv = ["echo", "behind"] }, CancellationToken.None);

        Assert.Equal("behind\n", result.Stdout);
        var port = _target.Port.ToString(CultureInfo.InvariantCulture);
        Assert.Contains($"server_request_direct_tcpip: originator 127.0.0.1 port ", _jump.LogText, StringComparison.Ordinal);
        Assert.Contains($"target 127.0.0.1 port {port}", _jump.LogText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_TwoHostsBehindOneJumpHost_ShareOneJumpConnection()
    {
        using var factory = Factory(_jump.Host("bastion", [_jump.HostKeyFingerprint]),
            Behind("web-1", [_target.HostKeyFingerprint]), Behind("web-2", [_target.HostKeyFingerprint]));

        await Task.WhenAll(
            factory.For(SshExecutorTests.Target("web-1")).RunAsync(new CommandRequest { Argv = ["true"] }, CancellationToken.None),
            factory.For(SshExecutorTests.Target("web-2")).RunAsync(new CommandRequest { Argv = ["true"] }, CancellationToken.None));

        var jump = (SshExecutor)factory.For(SshExecutorTests.Target("bastion"));
        Assert.Equal((1, true), (jump.Connections, jump.IsConnected));
        Assert.Equal(2, CountOccurrences(_jump.LogText, "server_request_direct_tcpip: originator"));
    }

    [Fact]
    public async Task RunAsync_TargetPinnedToTheJumpHostsKey_RefusedAsTheTargetsOwnKey()
    {
        // Pinning the jump host's key on the target would pass if the jump host's key were checked in its place.
        var web = Behind("web", [_jump.HostKeyFingerprint]);
        using var factory = Factory(_jump.Host("bastion", [_jump.HostKeyFingerprint]), web);
        HostKeyVerifier.FromText("").Verify("web", "127.0.0.1", _target.Port, [_jump.HostKeyFingerprint], "ssh-ed25519", _target.HostKeyBlob, out var expected);

        var ex = await Assert.ThrowsAsync<RunbooksException>(() =>
            factory.For(SshExecutorTests.Target("web")).RunAsync(new CommandRequest { Argv = ["true"] }, CancellationToken.None));

        Assert.Equal(expected, ex.Message);
        Assert.StartsWith($"host 'web' ([127.0.0.1]:{_target.Port.ToString(CultureInfo.InvariantCulture)}) presented ssh-ed25519 {_target.HostKeyFingerprint}, which is not one of the fingerprints pinned", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_JumpHostWithoutForwarding_FailsNamingTheJumpHost()
    {
        using var noForwarding = SshdFixture.Start(new SshdOptions { ExtraConfig = ["AllowTcpForwarding no"] });
        using var factory = Factory(noForwarding.Host("bastion", [noForwarding.HostKeyFingerprint]), Behind("web", [_target.HostKeyFingerprint]));

        var ex = await Assert.ThrowsAsync<RunbooksException>(() =>
            factory.For(SshExecutorTests.Target("web")).RunAsync(new CommandRequest { Argv = ["true"] }, CancellationToken.None));

        var endpoint = $"127.0.0.1:{_target.Port.ToString(CultureInfo.InvariantCulture)}";
        Assert.Equal(
            $"cannot connect to host 'web' ({endpoint}) through jump host 'bastion': the jump host closed the forwarded connection " +
            "(The connection to the remote server was closed before a valid SSH identification string was received.); " +
            $"check that the sshd on 'bastion' allows TCP forwarding (AllowTcpForwarding) for user '{Environment.UserName}' and that 'bastion' can reach {endpoint} (its sshd log says which)",
            ex.Message);
        Assert.Contains($"refused local port forward: originator 127.0.0.1 port ", noForwarding.LogText, StringComparison.Ordinal);
    }

    private InventoryHost Behind(string name, IReadOnlyList<string> hostKeys) => _target.Host(name, hostKeys) with { JumpHost = "bastion" };

    private static SshExecutorFactory Factory(params InventoryHost[] hosts) =>
        new(new InventoryDefinition { Hosts = hosts, Groups = [], SourcePath = "inventory.yaml" });

    private static int CountOccurrences(string text, string part)
    {
        var count = 0;
        for (var i = text.IndexOf(part, StringComparison.Ordinal); i >= 0; i = text.IndexOf(part, i + part.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }
}
