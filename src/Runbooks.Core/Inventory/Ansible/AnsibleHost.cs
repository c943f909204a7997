using Runbooks.Core.Diagnostics;

namespace Runbooks.Core.Inventory.Ansible;

/// <summary>A host as the Ansible inventory declares it; variables from every place it appears, in input order.</summary>
internal sealed class AnsibleHost(string name, SourceSpan span)
{
    public string Name { get; } = name;

    public SourceSpan Span { get; } = span;

    public List<AnsibleVar> Vars { get; } = [];
}
