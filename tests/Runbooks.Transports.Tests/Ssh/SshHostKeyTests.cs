using Runbooks.Core;
using Runbooks.Core.Execution;
using Runbooks.Testing.Ssh;
using Runbooks.Transports.Ssh;

namespace Runbooks.Transports.Tests.Ssh;

public sealed class SshHostKeyTests(SshdFixture sshd) : IClassFixture<SshdFixture>
{
    [Fact]
    public async Task RunAsync_UnknownHostKey_RefusedWithVerifierMessageAndNothingRuns()
    {
        var host = sshd.Host();
        HostKeyVerifier.FromText("").Verify(host.Name, host.Address, host.Port, [], "ssh-ed25519", sshd.HostKeyBlob, out var expected);
        var marker = Path.Combine(Path.GetTempPath(), "runbooks-ssh-" + Guid.NewGuid().ToString("N"));
        using var factory = SshExecutorTests.Factory(host);
        var ex = await Assert.ThrowsAsync<RunbooksException>(() => factory.For(SshExecutorTests.Target(host.Name))
            .RunAsync(new CommandRequest { Argv = ["touch", marker] }, CancellationToken.None));
        Assert.Equal(expected, ex.Message);
        Assert.Contains("neither the inventory nor known_hosts knows it", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task RunAsync_PinnedFingerprint_Trusted()
    {
        using var factory = SshExecutorTests.Factory(sshd.Host(hostKeys: [sshd.HostKeyFingerprint]));
        var result = await factory.For(SshExecutorTests.Target("sshd")).RunAsync(new CommandRequest { Argv = ["echo", "ok"] }, CancellationToken.None);
        Assert.Equal("ok\n", result.Stdout);
    }

    [Fact]
    public async Task RunAsync_KnownHostsEntry_Trusted()
    {
        var file = Path.Combine(sshd.Directory, "known_hosts_" + Guid.NewGuid().ToString("N"));
        await File.WriteAllTextAsync(file, sshd.KnownHostsLine + "\n");
        using var factory = SshExecutorTests.Factory(sshd.Host(), file);
        var result = await factory.For(SshExecutorTests.Target("sshd")).RunAsync(new CommandRequest { Argv = ["echo", "ok"] }, CancellationToken.None);
        Assert.Equal("ok\n", result.Stdout);
    }

    [Fact]
    public async Task RunAsync_ChangedKey_Refused()
    {
        const string Other = "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA";
        var host = sshd.Host(hostKeys: [Other]);
        HostKeyVerifier.FromText("").Verify(host.Name, host.Address, host.Port, [Other], "ssh-ed25519", sshd.HostKeyBlob, out var expected);
        var marker = Path.Combine(Path.GetTempPath(), "runbooks-ssh-" + Guid.NewGuid().ToString("N"));
        using var factory = SshExecutorTests.Factory(host);
        var ex = await Assert.ThrowsAsync<RunbooksException>(() => factory.For(SshExecutorTests.Target(host.Name))
            .RunAsync(new CommandRequest { Argv = ["touch", marker] }, CancellationToken.None));
        Assert.Equal(expected, ex.Message);
        Assert.Contains("not one of the fingerprints pinned", ex.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(marker));
    }
}
