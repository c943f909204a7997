using Runbooks.Core.Diagnostics;
using Runbooks.Core.Yaml;

namespace Runbooks.Core.Inventory.Ansible;

/// <summary>
/// Reads the Ansible YAML inventory format: <c>all:</c> (or top-level groups) with <c>hosts:</c>, <c>vars:</c> and
/// nested <c>children:</c>. The document is read by <see cref="SafeYamlReader"/>, so tags never instantiate anything;
/// values tagged <c>!vault</c> are marked so they are never carried over.
/// </summary>
internal sealed class YamlInventoryParser(AnsibleInventory inventory, HashSet<SourceSpan> vaulted, List<ImportMessage> warnings, List<ImportMessage> errors)
{
    private static readonly string[] GroupKeys = ["hosts", "children", "vars"];

    /// <summary>True when the document looks like an Ansible YAML inventory rather than INI text.</summary>
    public static bool LooksLikeInventory(YamlNode? root) =>
        root is YamlMappingNode map && map.Entries.Count > 0 &&
        (map.Get(AnsibleInventory.All) is not null ||
         map.Entries.Any(e => e.Value is YamlMappingNode group && GroupKeys.Any(k => group.Get(k) is not null)));

    public void Read(YamlMappingNode root)
    {
        foreach (var (key, value) in root.Entries.Select(e => (e.Key, e.Value)))
        {
            ReadGroup(inventory.Group(key.Text, key.Span), value);
        }
    }

    private void ReadGroup(AnsibleGroup group, YamlNode value)
    {
        if (value is YamlScalarNode { Value: null })
        {
            return; // an empty group
        }
        if (value is not YamlMappingNode map)
        {
            errors.Add(new ImportMessage(value.Span, $"group '{group.Name}' must be a map with hosts, children and vars, got {value.KindName}"));
            return;
        }
        foreach (var (key, node) in map.Entries.Select(e => (e.Key, e.Value)))
        {
            if (node is YamlScalarNode { Value: null })
            {
                continue;
            }
            switch (key.Text)
            {
                case "hosts" when node is YamlMappingNode hosts:
                    ReadHosts(group, hosts);
                    break;
                case "children" when node is YamlMappingNode children:
                    foreach (var (childKey, childValue) in children.Entries.Select(e => (e.Key, e.Value)))
                    {
                        group.AddChild(childKey.Text);
                        ReadGroup(inventory.Group(childKey.Text, childKey.Span), childValue);
                    }
                    break;
                case "vars" when node is YamlMappingNode vars:
                    group.Vars.AddRange(Vars(vars));
                    break;
                case "hosts" or "children" or "vars":
                    errors.Add(new ImportMessage(node.Span, $"'{key.Text}' of group '{group.Name}' must be a map, got {node.KindName}"));
                    break;
                default:
                    warnings.Add(new ImportMessage(key.Span, $"group '{group.Name}': key '{key.Text}' is not hosts, children or vars; Ansible skips it and so does the import"));
                    break;
            }
        }
    }

    private void ReadHosts(AnsibleGroup group, YamlMappingNode hosts)
    {
        foreach (var (key, value) in hosts.Entries.Select(e => (e.Key, e.Value)))
        {
            var (names, error) = HostPatternExpander.Expand(key.Text);
            if (error is not null)
            {
                errors.Add(new ImportMessage(key.Span, error));
                continue;
            }
            List<AnsibleVar> vars = [];
            if (value is YamlMappingNode map)
            {
                vars = Vars(map);
            }
            else if (value is not YamlScalarNode { Value: null })
            {
                errors.Add(new ImportMessage(value.Span, $"host '{key.Text}' must be a map of variables or empty, got {value.KindName}"));
                continue;
            }
            foreach (var name in names)
            {
                inventory.Host(name, key.Span).Vars.AddRange(vars);
                group.AddHost(name);
            }
        }
    }

    private List<AnsibleVar> Vars(YamlMappingNode map) =>
    [
        .. map.Entries.Select(e => e.Value is YamlScalarNode scalar
            ? new AnsibleVar(e.Key.Text, scalar.Value is null ? "" : scalar.Text, scalar.KindName, e.Key.Span) { IsVaulted = vaulted.Contains(scalar.Span) }
            : new AnsibleVar(e.Key.Text, null, e.Value.KindName, e.Key.Span)),
    ];
}
