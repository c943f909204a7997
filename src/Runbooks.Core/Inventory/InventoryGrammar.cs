using Runbooks.Core.Shapes;

namespace Runbooks.Core.Inventory;

/// <summary>
/// The inventory file's keys, declared once (like <see cref="Language.RunbookGrammar"/>): unknown keys are errors, so a
/// secret written inline (<c>password:</c>) is refused with a hint to reference it instead.
/// </summary>
public static class InventoryGrammar
{
    private const string HostKeyPattern = "^SHA256:[A-Za-z0-9+/]{43}=?$";

    /// <summary>Settings a host takes from the defaults, then from its groups in order, then from itself.</summary>
    private static FieldShape[] Settings() =>
    [
        new("user", ValueShape.String("The SSH user.") with { TemplateAllowed = false }),
        new("port", ValueShape.Int("The SSH port.") with { Minimum = 1, Maximum = 65535, TemplateAllowed = false }),
        new("sudo", ValueShape.Bool("Run commands through `sudo -n` (no TTY, no password prompt).") with { TemplateAllowed = false }),
        new("jumpHost", ValueShape.String("An inventory host to connect through.") with { TemplateAllowed = false }),
        new("credential", ValueShape.String("The name of an entry under credentials.") with { TemplateAllowed = false }),
        new("labels", ValueShape.Map("Labels matched by selectors such as env=prod,role in (web,api).", ValueShape.String("A label value.") with { TemplateAllowed = false }) with { TemplateAllowed = false }),
    ];

    /// <summary>A credential: where the secret is, never the secret itself.</summary>
    public static readonly ValueShape Credential = ValueShape.Object("How to authenticate, by reference only.",
        new FieldShape("privateKeyFile", ValueShape.String("Path of an OpenSSH private key file.") with { TemplateAllowed = false }),
        new FieldShape("passphraseEnv", ValueShape.String("Environment variable holding the key's passphrase.") with { TemplateAllowed = false }),
        new FieldShape("passphraseFile", ValueShape.String("File holding the key's passphrase.") with { TemplateAllowed = false }),
        new FieldShape("passwordEnv", ValueShape.String("Environment variable holding the password.") with { TemplateAllowed = false }),
        new FieldShape("passwordFile", ValueShape.String("File holding the password.") with { TemplateAllowed = false })) with { TemplateAllowed = false };

    /// <summary>A group: shared settings for its hosts.</summary>
    public static readonly ValueShape Group = ValueShape.Object("A group of hosts and the settings they share.", Settings()) with { TemplateAllowed = false };

    /// <summary>A host.</summary>
    public static readonly ValueShape Host = ValueShape.Object("A host.",
    [
        new FieldShape("address", ValueShape.String("Host name or IP address; default: the host's inventory name.") with { TemplateAllowed = false }),
        new FieldShape("groups", ValueShape.List("Groups the host belongs to, in order of precedence (later wins).", ValueShape.String("A group name.") with { TemplateAllowed = false }) with { ScalarAsList = true, TemplateAllowed = false }),
        new FieldShape("hostKeys", ValueShape.List("Pinned SHA-256 host key fingerprints (SHA256:…, as ssh-keygen -lf prints them).", ValueShape.String("A fingerprint.") with { Pattern = HostKeyPattern, PatternDescription = "an OpenSSH SHA-256 fingerprint such as SHA256:nThbg6kXUpJWGl7E1IGOCspRomTxdCARLviKw6E5SY8", TemplateAllowed = false }) with { ScalarAsList = true, TemplateAllowed = false }),
        .. Settings(),
    ]) with { TemplateAllowed = false };

    /// <summary>The document.</summary>
    public static readonly ValueShape Inventory = ValueShape.Object("A Runbooks inventory.",
        new FieldShape("defaults", ValueShape.Object("Settings every host takes unless a group or the host says otherwise.", Settings()) with { TemplateAllowed = false }),
        new FieldShape("knownHosts", ValueShape.String("An OpenSSH known_hosts file (hashed entries too) to verify host keys against.") with { TemplateAllowed = false }),
        new FieldShape("credentials", ValueShape.Map("Credentials by name.", Credential) with { TemplateAllowed = false }),
        new FieldShape("groups", ValueShape.Map("Groups by name.", Group) with { TemplateAllowed = false }),
        new FieldShape("hosts", ValueShape.Map("Hosts by name.", Host) with { TemplateAllowed = false }, Required: true)) with { TemplateAllowed = false };
}
