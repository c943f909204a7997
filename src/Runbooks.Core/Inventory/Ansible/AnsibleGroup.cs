using Runbooks.Core.Diagnostics;

namespace Runbooks.Core.Inventory.Ansible;

/// <summary>A group as the Ansible inventory declares it: its direct hosts, child groups and variables.</summary>
internal sealed class AnsibleGroup(string name, SourceSpan span)
{
    public string Name { get; } = name;

    public SourceSpan Span { get; } = span;

    public List<AnsibleVar> Vars { get; } = [];

    public List<string> Children { get; } = [];

    public List<string> Hosts { get; } = [];

    public void AddHost(string host)
    {
        if (!Hosts.Contains(host, StringComparer.Ordinal))
        {
            Hosts.Add(host);
        }
    }

    public void AddChild(string group)
    {
        if (!Children.Contains(group, StringComparer.Ordinal))
        {
            Children.Add(group);
        }
    }
}
