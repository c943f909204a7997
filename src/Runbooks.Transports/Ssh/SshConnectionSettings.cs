using Renci.SshNet;
using Runbooks.Core;
using Runbooks.Core.Inventory;

namespace Runbooks.Transports.Ssh;

/// <summary>
/// Turns an inventory host into SSH.NET connection settings: address, port, user (default: the current user),
/// authentication from the host's credential reference (secrets read only now), a connect timeout, and algorithm
/// lists with curve25519 key exchange first and the broken legacy algorithms removed.
/// </summary>
internal static class SshConnectionSettings
{
    /// <summary>The algorithms never offered: a server that offers nothing else is refused.</summary>
    public static readonly IReadOnlyList<string> Legacy = ["ssh-dss", "3des-cbc", "diffie-hellman-group1-sha1"];

    // Most preferred last: each is moved to the front in turn.
    private static readonly string[] Preferred = ["curve25519-sha256@libssh.org", "curve25519-sha256"];

    private static readonly string[] DefaultKeys = ["id_ed25519", "id_ecdsa", "id_rsa"];

    /// <summary>
    /// The connection info for a host, reached directly or, through a jump host, at the local end of a tunnel
    /// (<paramref name="via"/>); either way the host's own credential is used.
    /// </summary>
    public static ConnectionInfo For(InventoryHost host, SshTransportOptions options, (string Address, int Port)? via = null)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(options);
        var user = host.User ?? Environment.UserName;
        var (address, port) = via ?? (host.Address, host.Port);
        var info = new ConnectionInfo(address, port, user, [.. Authentication(host, user)])
        {
            Timeout = options.ConnectTimeout,
        };
        foreach (var name in Legacy)
        {
            info.KeyExchangeAlgorithms.Remove(name);
            info.Encryptions.Remove(name);
            info.HostKeyAlgorithms.Remove(name);
        }
        // Client preference is the dictionary order: curve25519 first, ahead of the NIST and DH groups.
        foreach (var name in Preferred)
        {
            if (info.KeyExchangeAlgorithms.ContainsKey(name))
            {
                info.KeyExchangeAlgorithms.SetPosition(name, 0);
            }
        }
        return info;
    }

    private static IEnumerable<AuthenticationMethod> Authentication(InventoryHost host, string user)
    {
        var credential = host.Credential;
        if (credential is null)
        {
            // SSH.NET has no agent support: fall back to the user's default key files, as ssh does.
            var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
            var keys = DefaultKeys
                .Select(name => Path.Combine(home, ".ssh", name))
                .Where(File.Exists)
                .Select(path => LoadKey(host, path, null))
                .ToArray();
            if (keys.Length == 0)
            {
                throw new RunbooksException(
                    $"host '{host.Name}' has no credential and there is no default key (~/.ssh/id_ed25519, id_ecdsa, id_rsa); " +
                    "give the host a credential in the inventory (privateKeyFile, or passwordEnv/passwordFile)");
            }
            yield return new PrivateKeyAuthenticationMethod(user, keys);
            yield break;
        }
        if (credential.PrivateKeyFile is not null)
        {
            var passphrase = Secret(host, credential.PassphraseEnv, credential.PassphraseFile, "passphrase");
            yield return new PrivateKeyAuthenticationMethod(user, LoadKey(host, credential.PrivateKeyFile, passphrase));
        }
        var password = Secret(host, credential.PasswordEnv, credential.PasswordFile, "password");
        if (password is not null)
        {
            yield return new PasswordAuthenticationMethod(user, password);
        }
        if (credential.PrivateKeyFile is null && password is null)
        {
            throw new RunbooksException(
                $"credential '{credential.Name}' of host '{host.Name}' gives neither privateKeyFile nor passwordEnv/passwordFile; add one");
        }
    }

    private static PrivateKeyFile LoadKey(InventoryHost host, string path, string? passphrase)
    {
        try
        {
            return passphrase is null ? new PrivateKeyFile(path) : new PrivateKeyFile(path, passphrase);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Renci.SshNet.Common.SshException or ArgumentException)
        {
            throw new RunbooksException(
                $"cannot load private key '{path}' for host '{host.Name}': {ex.Message}; check the path, its permissions and the passphrase", ex);
        }
    }

    private static string? Secret(InventoryHost host, string? env, string? file, string what)
    {
        if (env is not null)
        {
            return Environment.GetEnvironmentVariable(env)
                ?? throw new RunbooksException($"the {what} for host '{host.Name}' comes from environment variable '{env}', which is not set; set it");
        }
        if (file is not null)
        {
            try
            {
                return File.ReadAllText(file).TrimEnd('\r', '\n');
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new RunbooksException($"cannot read the {what} file '{file}' for host '{host.Name}': {ex.Message}", ex);
            }
        }
        return null;
    }
}
