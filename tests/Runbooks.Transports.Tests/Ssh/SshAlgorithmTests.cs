using System.Globalization;
using Runbooks.Core;
using Runbooks.Core.Execution;
using Runbooks.Testing.Ssh;

namespace Runbooks.Transports.Tests.Ssh;

/// <summary>Which algorithms are negotiated and refused, read from a real sshd's debug log.</summary>
public sealed class SshAlgorithmTests
{
    [Fact]
    public async Task RunAsync_ModernServer_NegotiatesCurve25519()
    {
        // sshd logs the negotiated algorithms ("kex: algorithm: …") at DEBUG1, not at VERBOSE.
        using var sshd = SshdFixture.Start(new SshdOptions { ExtraConfig = ["LogLevel DEBUG1"] });
        using var factory = SshExecutorTests.Factory(sshd.Host(hostKeys: [sshd.HostKeyFingerprint]));

        await factory.For(SshExecutorTests.Target("sshd")).RunAsync(new CommandRequest { Argv = ["true"] }, CancellationToken.None);

        var kex = sshd.LogText.Split(new[] { "\r\n", "\n" }, StringSplitOptions.None).Where(l => l.StartsWith("debug1: kex: algorithm: ", StringComparison.Ordinal));
        Assert.Equal(["debug1: kex: algorithm: curve25519-sha256 [preauth]"], kex);
    }

    [Theory]
    [InlineData("KexAlgorithms diffie-hellman-group1-sha1", "No matching key exchange algorithm (server offers diffie-hellman-group1-sha1")]
    [InlineData("Ciphers 3des-cbc", "No matching client encryption algorithm (server offers 3des-cbc)")]
    public async Task RunAsync_ServerOfferingOnlyBrokenAlgorithms_RefusedSayingWhatToChange(string config, string cause)
    {
        using var sshd = SshdFixture.Start(new SshdOptions { ExtraConfig = [config] });
        using var factory = SshExecutorTests.Factory(sshd.Host(hostKeys: [sshd.HostKeyFingerprint]));

        var ex = await Assert.ThrowsAsync<RunbooksException>(() =>
            factory.For(SshExecutorTests.Target("sshd")).RunAsync(new CommandRequest { Argv = ["true"] }, CancellationToken.None));

        Assert.StartsWith($"host 'sshd' (127.0.0.1:{sshd.Port.ToString(CultureInfo.InvariantCulture)}) offers no algorithm Runbooks accepts: {cause}", ex.Message, StringComparison.Ordinal);
        Assert.EndsWith(
            "Runbooks refuses ssh-dss, 3des-cbc, diffie-hellman-group1-sha1 as broken; configure the host's sshd with modern ones " +
            "(KexAlgorithms curve25519-sha256, Ciphers chacha20-poly1305@openssh.com or aes256-gcm@openssh.com, HostKeyAlgorithms ssh-ed25519)",
            ex.Message, StringComparison.Ordinal);
    }
}
