namespace Runbooks.Transports.Ssh;

/// <summary>
/// Decides whether a host's presented key may be trusted, failing closed: the key must be pinned (SHA-256 fingerprints
/// in the inventory's <c>hostKeys</c>, which then decide alone) or listed for that host and port in known_hosts
/// (hashed entries too); a key marked <c>@revoked</c> is refused whatever else says. Unknown and changed keys are
/// refused before authentication, with the presented fingerprint and how to trust it after checking it.
/// </summary>
public sealed class HostKeyVerifier
{
    private readonly KnownHosts _knownHosts;

    private HostKeyVerifier(KnownHosts knownHosts) => _knownHosts = knownHosts;

    /// <summary>A verifier over a known_hosts file (null or missing: only pinned fingerprints can trust a key).</summary>
    public static HostKeyVerifier FromFile(string? knownHostsFile) =>
        new(knownHostsFile is not null && File.Exists(knownHostsFile) ? KnownHosts.Load(knownHostsFile) : KnownHosts.Empty);

    /// <summary>A verifier over known_hosts text.</summary>
    public static HostKeyVerifier FromText(string knownHosts) => new(KnownHosts.Parse(knownHosts));

    /// <summary>Checks the key a host presented; <paramref name="message"/> says why it is refused, or is empty.</summary>
    public HostKeyVerdict Verify(string hostName, string address, int port, IReadOnlyList<string> pinned, string keyType, byte[] key, out string message)
    {
        ArgumentNullException.ThrowIfNull(pinned);
        ArgumentNullException.ThrowIfNull(key);
        var fingerprint = HostKeyFingerprint.Sha256(key);
        var lookup = port == 22 ? address : $"[{address}]:{port}";
        var forHost = _knownHosts.Entries.Where(e => e.Matches(lookup)).ToList();
        var trustHint = $"check it out of band (ssh-keygen -lf on the host), then pin it in the inventory (hostKeys: [\"{fingerprint}\"]) or run: runbooks hosts trust {hostName}";
        if (_knownHosts.Entries.Any(e => e.Marker == "@revoked" && e.Key.AsSpan().SequenceEqual(key)))
        {
            message = $"host '{hostName}' ({lookup}) presented {keyType} {fingerprint}, which known_hosts marks @revoked; refusing to connect";
            return HostKeyVerdict.Revoked;
        }
        if (pinned.Count > 0)
        {
            if (pinned.Contains(fingerprint, StringComparer.Ordinal))
            {
                message = "";
                return HostKeyVerdict.Trusted;
            }
            message = $"host '{hostName}' ({lookup}) presented {keyType} {fingerprint}, which is not one of the fingerprints pinned in the inventory " +
                $"({string.Join(", ", pinned)}); refusing to connect: the host may have been rebuilt, or someone is in between. If the new key is right, {trustHint}";
            return HostKeyVerdict.Changed;
        }
        var plain = forHost.Where(e => e.Marker is null).ToList();
        if (plain.Any(e => e.KeyType == keyType && e.Key.AsSpan().SequenceEqual(key)))
        {
            message = "";
            return HostKeyVerdict.Trusted;
        }
        if (plain.Count > 0)
        {
            var lines = string.Join(", ", plain.Select(e => e.Line));
            message = $"host '{hostName}' ({lookup}) presented {keyType} {fingerprint}, but known_hosts (line {lines}) has a different key for it; " +
                $"refusing to connect: the host may have been rebuilt, or someone is in between. If the new key is right, remove the old line and {trustHint}";
            return HostKeyVerdict.Changed;
        }
        message = $"host '{hostName}' ({lookup}) presented {keyType} {fingerprint}, and neither the inventory nor known_hosts knows it; " +
            $"refusing to connect (no trust on first use). To trust it, {trustHint}";
        return HostKeyVerdict.Unknown;
    }
}
