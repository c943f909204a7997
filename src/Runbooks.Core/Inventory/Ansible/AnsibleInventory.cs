using Runbooks.Core.Diagnostics;

namespace Runbooks.Core.Inventory.Ansible;

/// <summary>
/// An Ansible inventory read from INI or YAML, before translation: groups and hosts in the order they first appear.
/// The group <c>all</c> always exists; its variables become the Runbooks <c>defaults</c>.
/// </summary>
internal sealed class AnsibleInventory
{
    public const string All = "all";

    private readonly Dictionary<string, AnsibleGroup> _groups = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AnsibleHost> _hosts = new(StringComparer.Ordinal);

    public AnsibleInventory(string file) => Group(All, new SourceSpan(file, 1, 1));

    /// <summary>Groups in first-seen order, <c>all</c> first.</summary>
    public List<AnsibleGroup> Groups { get; } = [];

    /// <summary>Hosts in first-seen order.</summary>
    public List<AnsibleHost> Hosts { get; } = [];

    public AnsibleGroup? FindGroup(string name) => _groups.GetValueOrDefault(name);

    public AnsibleGroup Group(string name, SourceSpan span)
    {
        if (!_groups.TryGetValue(name, out var group))
        {
            group = new AnsibleGroup(name, span);
            _groups[name] = group;
            Groups.Add(group);
        }
        return group;
    }

    public AnsibleHost Host(string name, SourceSpan span)
    {
        if (!_hosts.TryGetValue(name, out var host))
        {
            host = new AnsibleHost(name, span);
            _hosts[name] = host;
            Hosts.Add(host);
        }
        return host;
    }
}
