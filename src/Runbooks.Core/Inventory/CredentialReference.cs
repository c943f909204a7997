namespace Runbooks.Core.Inventory;

/// <summary>
/// Where a credential's secret lives — an environment variable or a file — never the secret itself, which is read
/// only when a connection needs it.
/// </summary>
public sealed record CredentialReference
{
    /// <summary>The credential's name in the inventory.</summary>
    public required string Name { get; init; }

    /// <summary>Path of an OpenSSH private key file, or null.</summary>
    public string? PrivateKeyFile { get; init; }

    /// <summary>Environment variable holding the key's passphrase, or null.</summary>
    public string? PassphraseEnv { get; init; }

    /// <summary>File holding the key's passphrase, or null.</summary>
    public string? PassphraseFile { get; init; }

    /// <summary>Environment variable holding a password, or null.</summary>
    public string? PasswordEnv { get; init; }

    /// <summary>File holding a password, or null.</summary>
    public string? PasswordFile { get; init; }
}
