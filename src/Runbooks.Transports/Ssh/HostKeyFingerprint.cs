using System.Security.Cryptography;

namespace Runbooks.Transports.Ssh;

/// <summary>OpenSSH's SHA-256 fingerprint of a host key, as <c>ssh-keygen -lf</c> prints it: <c>SHA256:</c> + unpadded base64.</summary>
public static class HostKeyFingerprint
{
    /// <summary>The fingerprint of a key blob (the base64-decoded key field of a known_hosts line).</summary>
    public static string Sha256(ReadOnlySpan<byte> keyBlob) =>
        "SHA256:" + Convert.ToBase64String(SHA256.HashData(keyBlob)).TrimEnd('=');
}
