using Runbooks.Core.Diagnostics;
using Runbooks.Core.Validation;
using Runbooks.Core.Yaml;

namespace Runbooks.Core.Inventory;

/// <summary>Builds the effective hosts of an inventory document and checks its cross-references.</summary>
internal sealed class InventoryBinder(string file, DiagnosticBag diagnostics)
{
    private static readonly HashSet<string> SecretKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "password", "passphrase", "privateKey", "key", "secret", "token", "ansible_password", "ansible_ssh_pass", "ansible_become_pass",
    };

    public InventoryDefinition Bind(YamlMappingNode doc)
    {
        RefuseInlineSecrets(doc);
        var credentials = BindCredentials(doc.Get("credentials") as YamlMappingNode);
        var groups = doc.Get("groups") as YamlMappingNode;
        var groupNames = groups?.Entries.Select(e => e.Key.Text).ToList() ?? [];
        var defaults = doc.Get("defaults") as YamlMappingNode;
        var hosts = new List<InventoryHost>();
        var hostsNode = doc.Get("hosts") as YamlMappingNode;
        foreach (var (key, value) in hostsNode?.Entries.Select(e => (e.Key, e.Value)) ?? [])
        {
            var host = value as YamlMappingNode;
            var path = $"hosts.{key.Text}";
            var memberOf = Texts(host?.Get("groups"));
            foreach (var group in memberOf.Where(g => !groupNames.Contains(g, StringComparer.Ordinal)))
            {
                diagnostics.Add(RuleCodes.UnknownGroup, (host?.Get("groups") ?? key).Span, $"{path}.groups",
                    $"group '{group}' is not declared{Suggestions.Hint(group, groupNames)}; declared groups: {(groupNames.Count == 0 ? "none" : Messages.List(groupNames))}");
            }
            // Effective settings: defaults, then each group in the order the host lists them, then the host.
            var layers = new List<YamlMappingNode?> { defaults };
            layers.AddRange(memberOf.Select(g => groups?.Get(g) as YamlMappingNode));
            layers.Add(host);
            var labels = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var layer in layers)
            {
                if (layer?.Get("labels") is YamlMappingNode map)
                {
                    foreach (var (labelKey, labelValue) in map.Entries.Select(e => (e.Key, e.Value)))
                    {
                        labels[labelKey.Text] = (labelValue as YamlScalarNode)?.Text ?? "";
                    }
                }
            }
            string? Setting(string name) => layers.Select(l => (l?.Get(name) as YamlScalarNode)?.Text).LastOrDefault(v => v is not null);
            var credentialName = Setting("credential");
            CredentialReference? credential = null;
            if (credentialName is not null && !credentials.TryGetValue(credentialName, out credential))
            {
                diagnostics.Add(RuleCodes.UnknownCredential, key.Span, path,
                    $"credential '{credentialName}' is not declared{Suggestions.Hint(credentialName, credentials.Keys)}; declared credentials: {(credentials.Count == 0 ? "none" : Messages.List(credentials.Keys))}");
            }
            hosts.Add(new InventoryHost
            {
                Name = key.Text,
                Address = (host?.Get("address") as YamlScalarNode)?.Text ?? key.Text,
                Port = int.TryParse(Setting("port"), out var port) ? port : 22,
                User = Setting("user"),
                Sudo = Setting("sudo") is "true" or "True",
                JumpHost = Setting("jumpHost"),
                Credential = credential,
                Groups = memberOf,
                Labels = labels,
                HostKeys = Texts(host?.Get("hostKeys")),
                Span = key.Span,
            });
        }
        CheckJumpHosts(hosts);
        return new InventoryDefinition
        {
            Hosts = hosts,
            Groups = groupNames,
            KnownHostsFile = (doc.Get("knownHosts") as YamlScalarNode)?.Text,
            SourcePath = file,
        };
    }

    // Secrets never live in the inventory: the unknown-key error says what is wrong, this one says what to do.
    private void RefuseInlineSecrets(YamlMappingNode doc)
    {
        var sections = new List<(string Path, YamlMappingNode? Map)> { ("defaults", doc.Get("defaults") as YamlMappingNode) };
        foreach (var section in new[] { "hosts", "groups" })
        {
            foreach (var entry in (doc.Get(section) as YamlMappingNode)?.Entries ?? [])
            {
                sections.Add(($"{section}.{entry.Key.Text}", entry.Value as YamlMappingNode));
            }
        }
        foreach (var (path, map) in sections)
        {
            foreach (var key in map?.Entries.Select(e => e.Key).Where(k => SecretKeys.Contains(k.Text)) ?? [])
            {
                diagnostics.Add(RuleCodes.BadCredential, key.Span, $"{path}.{key.Text}",
                    "secrets are never written in the inventory: declare a credential under 'credentials' with passwordEnv, passwordFile, privateKeyFile or passphraseEnv, and name it with 'credential'");
            }
        }
    }

    private Dictionary<string, CredentialReference> BindCredentials(YamlMappingNode? node)
    {
        var result = new Dictionary<string, CredentialReference>(StringComparer.Ordinal);
        foreach (var (key, value) in node?.Entries.Select(e => (e.Key, e.Value)) ?? [])
        {
            if (value is not YamlMappingNode map)
            {
                continue;
            }
            string? Get(string name) => (map.Get(name) as YamlScalarNode)?.Text;
            var credential = new CredentialReference
            {
                Name = key.Text, PrivateKeyFile = Get("privateKeyFile"), PassphraseEnv = Get("passphraseEnv"),
                PassphraseFile = Get("passphraseFile"), PasswordEnv = Get("passwordEnv"), PasswordFile = Get("passwordFile"),
            };
            var path = $"credentials.{key.Text}";
            if (credential.PrivateKeyFile is null && credential.PasswordEnv is null && credential.PasswordFile is null)
            {
                diagnostics.Add(RuleCodes.BadCredential, key.Span, path, "a credential needs privateKeyFile, passwordEnv or passwordFile");
            }
            if (credential.PassphraseEnv is not null && credential.PassphraseFile is not null)
            {
                diagnostics.Add(RuleCodes.BadCredential, key.Span, path, "give the passphrase once: passphraseEnv or passphraseFile, not both");
            }
            if (credential.PasswordEnv is not null && credential.PasswordFile is not null)
            {
                diagnostics.Add(RuleCodes.BadCredential, key.Span, path, "give the password once: passwordEnv or passwordFile, not both");
            }
            if (credential.PrivateKeyFile is null && (credential.PassphraseEnv ?? credential.PassphraseFile) is not null)
            {
                diagnostics.Add(RuleCodes.BadCredential, key.Span, path, "a passphrase belongs to a private key: add privateKeyFile");
            }
            result[key.Text] = credential;
        }
        return result;
    }

    private void CheckJumpHosts(List<InventoryHost> hosts)
    {
        var byName = hosts.ToDictionary(h => h.Name, StringComparer.Ordinal);
        foreach (var host in hosts.Where(h => h.JumpHost is not null))
        {
            if (!byName.ContainsKey(host.JumpHost!))
            {
                diagnostics.Add(RuleCodes.BadJumpHost, host.Span, $"hosts.{host.Name}.jumpHost",
                    $"jump host '{host.JumpHost}' is not an inventory host{Suggestions.Hint(host.JumpHost!, byName.Keys)}");
                continue;
            }
            var seen = new List<string> { host.Name };
            for (var next = byName[host.JumpHost!]; ; next = byName[next.JumpHost!])
            {
                if (seen.Contains(next.Name, StringComparer.Ordinal))
                {
                    diagnostics.Add(RuleCodes.BadJumpHost, host.Span, $"hosts.{host.Name}.jumpHost",
                        $"jump hosts lead back to themselves: {string.Join(" → ", seen.Append(next.Name))}");
                    break;
                }
                seen.Add(next.Name);
                if (next.JumpHost is null || !byName.ContainsKey(next.JumpHost))
                {
                    break;
                }
            }
        }
    }

    private static List<string> Texts(YamlNode? node) => node switch
    {
        YamlSequenceNode list => [.. list.Items.OfType<YamlScalarNode>().Where(s => s.Value is not null).Select(s => s.Text)],
        YamlScalarNode { Value: not null } single => [single.Text],
        _ => [],
    };
}
