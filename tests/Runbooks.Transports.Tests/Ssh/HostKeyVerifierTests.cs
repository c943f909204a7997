using System.Diagnostics;
using Runbooks.Transports.Ssh;

namespace Runbooks.Transports.Tests.Ssh;

/// <summary>Host keys fail closed. Keys, fingerprints and hashed known_hosts lines come from the real ssh-keygen.</summary>
public sealed class HostKeyVerifierTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("rb-hostkeys-").FullName;
    private readonly (string Type, byte[] Blob, string Line) _ed25519;
    private readonly (string Type, byte[] Blob, string Line) _other;

    public HostKeyVerifierTests()
    {
        _ed25519 = NewKey("ed25519", "host_ed25519");
        _other = NewKey("ed25519", "host_other");
    }

    [Theory]
    [InlineData("ed25519")]
    [InlineData("rsa")]
    public void Sha256_AnyKey_EqualsWhatSshKeygenPrints(string type)
    {
        var key = NewKey(type, $"fp_{type}");
        var printed = Run("ssh-keygen", "-E", "sha256", "-lf", Path.Combine(_dir, $"fp_{type}.pub")).Split(' ')[1];
        Assert.Equal(printed, HostKeyFingerprint.Sha256(key.Blob));
    }

    [Fact]
    public void Verify_PlainKnownHostsEntry_Trusted()
    {
        var verifier = HostKeyVerifier.FromText($"web-1.example,10.0.0.5 {_ed25519.Line}\n");
        Assert.Equal(HostKeyVerdict.Trusted, Verify(verifier, "10.0.0.5", 22, [], _ed25519, out _));
    }

    [Fact]
    public void Verify_PortQualifiedEntry_MatchesOnlyThatPort()
    {
        var verifier = HostKeyVerifier.FromText($"[10.0.0.5]:2222 {_ed25519.Line}\n");
        Assert.Equal(HostKeyVerdict.Trusted, Verify(verifier, "10.0.0.5", 2222, [], _ed25519, out _));
        Assert.Equal(HostKeyVerdict.Unknown, Verify(verifier, "10.0.0.5", 22, [], _ed25519, out _));
    }

    [Fact]
    public void Verify_HashedEntriesWrittenBySshKeygen_Trusted()
    {
        var file = Path.Combine(_dir, "known_hosts");
        File.WriteAllText(file, $"10.0.0.5 {_ed25519.Line}\n[10.0.0.6]:2222 {_ed25519.Line}\n");
        Run("ssh-keygen", "-H", "-f", file);
        Assert.StartsWith("|1|", File.ReadAllText(file), StringComparison.Ordinal);
        var verifier = HostKeyVerifier.FromFile(file);
        Assert.Equal(HostKeyVerdict.Trusted, Verify(verifier, "10.0.0.5", 22, [], _ed25519, out _));
        Assert.Equal(HostKeyVerdict.Trusted, Verify(verifier, "10.0.0.6", 2222, [], _ed25519, out _));
        Assert.Equal(HostKeyVerdict.Unknown, Verify(verifier, "10.0.0.7", 22, [], _ed25519, out _));
    }

    [Fact]
    public void Verify_KnownHostWithAnotherKey_ChangedAndRefusedWithThePresentedFingerprint()
    {
        var verifier = HostKeyVerifier.FromText($"# comment\n10.0.0.5 {_ed25519.Line}\n");
        Assert.Equal(HostKeyVerdict.Changed, Verify(verifier, "10.0.0.5", 22, [], _other, out var message));
        Assert.Equal(
            $"host 'web-1' (10.0.0.5) presented {_other.Type} {HostKeyFingerprint.Sha256(_other.Blob)}, but known_hosts (line 2) has a different key for it; " +
            "refusing to connect: the host may have been rebuilt, or someone is in between. If the new key is right, remove the old line and check it out of band " +
            $"(ssh-keygen -lf on the host), then pin it in the inventory (hostKeys: [\"{HostKeyFingerprint.Sha256(_other.Blob)}\"]) or run: runbooks hosts trust web-1",
            message);
    }

    [Fact]
    public void Verify_NothingKnown_UnknownNoTrustOnFirstUse()
    {
        Assert.Equal(HostKeyVerdict.Unknown, Verify(HostKeyVerifier.FromFile(null), "10.0.0.5", 22, [], _ed25519, out var message));
        Assert.Contains("refusing to connect (no trust on first use)", message, StringComparison.Ordinal);
        Assert.Contains(HostKeyFingerprint.Sha256(_ed25519.Blob), message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_PinnedFingerprints_DecideAloneEvenAgainstKnownHosts()
    {
        var knownHosts = HostKeyVerifier.FromText($"10.0.0.5 {_other.Line}\n");
        Assert.Equal(HostKeyVerdict.Trusted, Verify(knownHosts, "10.0.0.5", 22, [HostKeyFingerprint.Sha256(_ed25519.Blob)], _ed25519, out _));
        Assert.Equal(HostKeyVerdict.Changed, Verify(knownHosts, "10.0.0.5", 22, [HostKeyFingerprint.Sha256(_ed25519.Blob)], _other, out var message));
        Assert.Contains("which is not one of the fingerprints pinned in the inventory", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Verify_RevokedKey_RefusedEvenWhenPinned()
    {
        var verifier = HostKeyVerifier.FromText($"@revoked * {_ed25519.Line}\n");
        Assert.Equal(HostKeyVerdict.Revoked, Verify(verifier, "10.0.0.5", 22, [HostKeyFingerprint.Sha256(_ed25519.Blob)], _ed25519, out _));
    }

    [Theory]
    [InlineData("*.example.com", "web-1.example.com", true)]
    [InlineData("web-?.example.com", "web-1.example.com", true)]
    [InlineData("*.example.com,!db-*.example.com", "db-1.example.com", false)]
    [InlineData("WEB-1.example.com", "web-1.example.com", true)]
    [InlineData("web-1", "web-10", false)]
    public void Verify_HostPatterns_FollowOpenSshRules(string patterns, string address, bool trusted)
    {
        var verifier = HostKeyVerifier.FromText($"{patterns} {_ed25519.Line}\n");
        Assert.Equal(trusted ? HostKeyVerdict.Trusted : HostKeyVerdict.Unknown, Verify(verifier, address, 22, [], _ed25519, out _));
    }

    private static HostKeyVerdict Verify(HostKeyVerifier verifier, string address, int port, string[] pinned, (string Type, byte[] Blob, string Line) key, out string message) =>
        verifier.Verify("web-1", address, port, pinned, key.Type, key.Blob, out message);

    private (string Type, byte[] Blob, string Line) NewKey(string type, string name)
    {
        var path = Path.Combine(_dir, name);
        Run("ssh-keygen", "-q", "-t", type, "-N", "", "-C", "test", "-f", path);
        var fields = File.ReadAllText(path + ".pub").Split(' ');
        return (fields[0], Convert.FromBase64String(fields[1]), $"{fields[0]} {fields[1]}");
    }

    private static string Run(string program, params string[] args)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"{program} {string.Join(' ', args)} failed: {error}");
        return output;
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
