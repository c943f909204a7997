using System.Diagnostics;
using Runbooks.Core;

namespace Runbooks.Transports.Ssh;

/// <summary>A host key as a host presents it, read with OpenSSH's <c>ssh-keyscan</c> (no login, no trust decision).</summary>
/// <param name="KeyType">e.g. <c>ssh-ed25519</c>.</param>
/// <param name="Key">The key blob.</param>
/// <param name="KnownHostsLine">The line to record: <c>[address]:port type base64</c> (or <c>address type base64</c> on port 22).</param>
public sealed record ScannedHostKey(string KeyType, byte[] Key, string KnownHostsLine)
{
    /// <summary>The SHA-256 fingerprint.</summary>
    public string Fingerprint => HostKeyFingerprint.Sha256(Key);
}

/// <summary>Reads the keys a host presents, preferring ed25519, with <c>ssh-keyscan</c> and a timeout.</summary>
public static class HostKeyScanner
{
    /// <summary>The host's keys, ed25519 first; throws <see cref="RunbooksException"/> when none can be read.</summary>
    public static async Task<IReadOnlyList<ScannedHostKey>> ScanAsync(string address, int port, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo("ssh-keyscan") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-T", ((int)Math.Max(1, timeout.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture), "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-t", "ed25519,ecdsa,rsa", "--", address })
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info) ?? throw new RunbooksException("ssh-keyscan could not be started; install openssh-client");
        var output = await process.StandardOutput.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var keys = new List<ScannedHostKey>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var fields = line.Split(' ');
            if (line.StartsWith('#') || fields.Length < 3)
            {
                continue;
            }
            keys.Add(new ScannedHostKey(fields[1], Convert.FromBase64String(fields[2]), $"{fields[0]} {fields[1]} {fields[2]}"));
        }
        if (keys.Count == 0)
        {
            throw new RunbooksException($"no host key could be read from {address}:{port} within {timeout.TotalSeconds:0}s; is sshd listening there?");
        }
        return [.. keys.OrderBy(k => k.KeyType == "ssh-ed25519" ? 0 : k.KeyType.StartsWith("ecdsa", StringComparison.Ordinal) ? 1 : 2)];
    }
}
