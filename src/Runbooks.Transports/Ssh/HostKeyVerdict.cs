namespace Runbooks.Transports.Ssh;

/// <summary>What checking a host's presented key decided. Only <see cref="Trusted"/> lets a connection go on.</summary>
public enum HostKeyVerdict
{
    /// <summary>The key is pinned in the inventory or listed for the host in known_hosts.</summary>
    Trusted,
    /// <summary>Nothing is known about the host: refused (no trust on first use).</summary>
    Unknown,
    /// <summary>The host is known with a different key: refused — possibly a man in the middle, or a rebuilt host.</summary>
    Changed,
    /// <summary>The key is marked <c>@revoked</c>: refused.</summary>
    Revoked,
}
