using System.Globalization;
using System.Text;

namespace Runbooks.Core.Inventory.Ansible;

/// <summary>
/// Translates the variables of one host, group or <c>all</c> into Runbooks settings. Connection variables map to
/// settings, a private key file to a generated credential, other variables to labels. Secrets are never copied, and
/// everything left behind is a warning naming its owner.
/// </summary>
internal sealed class AnsibleVariableMapper(List<ImportMessage> warnings)
{
    private static readonly HashSet<string> SecretKeys = new(StringComparer.Ordinal)
    {
        "ansible_password", "ansible_ssh_pass", "ansible_ssh_password", "ansible_become_pass", "ansible_become_password", "ansible_sudo_pass",
    };

    private static readonly HashSet<string> SshConnections = new(StringComparer.Ordinal) { "ssh", "smart", "paramiko", "paramiko_ssh" };

    private readonly Dictionary<string, string> _credentialByPath = new(StringComparer.Ordinal);

    /// <summary>Generated credentials, name and private key file, in first-seen order.</summary>
    public List<KeyValuePair<string, string>> Credentials { get; } = [];

    /// <summary>Maps <paramref name="vars"/>; <paramref name="owner"/> names it in warnings (<c>host 'web-1'</c>).</summary>
    public ImportedSettings Map(IEnumerable<AnsibleVar> vars, string owner, bool isHost)
    {
        var settings = new ImportedSettings();
        foreach (var v in vars)
        {
            if (SecretKeys.Contains(v.Key))
            {
                Warn(v, $"{owner}: {v.Key} was not copied; Runbooks never keeps secrets in an inventory. Add a credential with passwordEnv or passwordFile under credentials: and set credential: on {owner}");
                continue;
            }
            if (v.IsVaulted)
            {
                Warn(v, $"{owner}: {v.Key} is encrypted with Ansible Vault and was not copied; set it by hand (secrets by reference only)");
                continue;
            }
            if (v.Text is null)
            {
                Warn(v, $"{owner}: {v.Key} is {v.Kind}, not a single value; labels hold strings, so it was not carried over");
                continue;
            }
            MapScalar(v, v.Text, owner, isHost, settings);
        }
        return settings;
    }

    private void MapScalar(AnsibleVar v, string text, string owner, bool isHost, ImportedSettings settings)
    {
        switch (v.Key)
        {
            case "ansible_host" or "ansible_ssh_host" when isHost:
                settings.Address = text;
                break;
            case "ansible_host" or "ansible_ssh_host":
                Warn(v, $"{owner}: {v.Key} names one machine and only applies to a host; set address: on each host by hand");
                break;
            case "ansible_port" or "ansible_ssh_port":
                if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is >= 1 and <= 65535)
                {
                    settings.Port = port;
                }
                else
                {
                    Warn(v, $"{owner}: {v.Key} '{text}' is not a port number (1-65535) and was not carried over");
                }
                break;
            case "ansible_user" or "ansible_ssh_user":
                settings.User = text;
                break;
            case "ansible_become":
                settings.Sudo = Boolean(text);
                if (settings.Sudo is null)
                {
                    Warn(v, $"{owner}: ansible_become '{text}' is not true or false and was not carried over; set sudo: by hand");
                }
                break;
            case "ansible_ssh_private_key_file" or "ansible_private_key_file":
                settings.Credential = Credential(text);
                break;
            case "ansible_connection" when SshConnections.Contains(text):
                break; // Runbooks always connects over SSH.
            case "ansible_ssh_common_args" or "ansible_ssh_extra_args" when IsJump(text):
                Warn(v, $"{owner}: {v.Key} connects through a jump host ('{text}'); set jumpHost: to the bastion's inventory name by hand");
                break;
            default:
                if (v.Key.StartsWith("ansible_", StringComparison.Ordinal))
                {
                    Warn(v, $"{owner}: {v.Key} has no Runbooks equivalent and was not carried over");
                }
                else
                {
                    settings.SetLabel(v.Key, text);
                }
                break;
        }
    }

    private string Credential(string path)
    {
        if (_credentialByPath.TryGetValue(path, out var existing))
        {
            return existing;
        }
        var baseName = path.Split('/', '\\').Last();
        var safe = new StringBuilder();
        foreach (var c in baseName)
        {
            safe.Append(char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' ? c : '-');
        }
        var name = "key-" + (safe.Length == 0 ? "file" : safe.ToString());
        var candidate = name;
        for (var n = 2; Credentials.Exists(c => string.Equals(c.Key, candidate, StringComparison.Ordinal)); n++)
        {
            candidate = $"{name}-{n}";
        }
        _credentialByPath[path] = candidate;
        Credentials.Add(new(candidate, path));
        return candidate;
    }

    private static bool IsJump(string args) =>
        args.Contains("ProxyJump", StringComparison.OrdinalIgnoreCase) ||
        args.Contains("ProxyCommand", StringComparison.OrdinalIgnoreCase) ||
        args.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(a => a.StartsWith("-J", StringComparison.Ordinal));

    /// <summary>Ansible's truthy and falsy spellings; null for anything else.</summary>
    private static bool? Boolean(string text) => text.ToLowerInvariant() switch
    {
        "true" or "yes" or "y" or "on" or "1" or "t" => true,
        "false" or "no" or "n" or "off" or "0" or "f" => false,
        _ => null,
    };

    private void Warn(AnsibleVar v, string message) => warnings.Add(new ImportMessage(v.Span, message));
}
