namespace Runbooks.Core.Inventory.Ansible;

/// <summary>
/// Flattens Ansible's nested groups for Runbooks' flat ones: a host belongs to its groups and all their ancestors,
/// listed parents first (by depth below <c>all</c>, then by name, as Ansible orders them) so that a child group's
/// settings win, as they do in Ansible.
/// </summary>
internal sealed class GroupHierarchy
{
    private readonly AnsibleInventory _inventory;
    private readonly Dictionary<string, List<string>> _parents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _depth = new(StringComparer.Ordinal);

    private GroupHierarchy(AnsibleInventory inventory)
    {
        _inventory = inventory;
        foreach (var group in inventory.Groups)
        {
            foreach (var child in group.Children.Where(c => c != AnsibleInventory.All))
            {
                if (!_parents.TryGetValue(child, out var parents))
                {
                    _parents[child] = parents = [];
                }
                parents.Add(group.Name);
            }
        }
    }

    /// <summary>The hierarchy, or an error for each group that is its own ancestor.</summary>
    public static GroupHierarchy Build(AnsibleInventory inventory, List<ImportMessage> errors)
    {
        var hierarchy = new GroupHierarchy(inventory);
        foreach (var group in inventory.Groups)
        {
            var cycle = hierarchy.FindCycle(group.Name, []);
            if (cycle is not null)
            {
                errors.Add(new ImportMessage(group.Span, $"group '{group.Name}' is its own ancestor: {string.Join(" → ", cycle)}; remove one of these children entries"));
            }
        }
        if (errors.Count == 0)
        {
            foreach (var group in inventory.Groups)
            {
                hierarchy.Depth(group.Name);
            }
        }
        return hierarchy;
    }

    /// <summary>The Runbooks groups of a host, parents first; <c>all</c> is left out (it is the defaults).</summary>
    public List<string> GroupsOf(string host)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>(_inventory.Groups.Where(g => g.Hosts.Contains(host, StringComparer.Ordinal)).Select(g => g.Name));
        while (pending.TryPop(out var group))
        {
            if (group != AnsibleInventory.All && result.Add(group))
            {
                foreach (var parent in _parents.GetValueOrDefault(group) ?? [])
                {
                    pending.Push(parent);
                }
            }
        }
        return [.. result.OrderBy(Depth).ThenBy(g => g, StringComparer.Ordinal)];
    }

    private int Depth(string group)
    {
        if (group == AnsibleInventory.All)
        {
            return 0;
        }
        if (!_depth.TryGetValue(group, out var depth))
        {
            depth = 1 + (_parents.GetValueOrDefault(group) ?? []).Select(Depth).DefaultIfEmpty(0).Max();
            _depth[group] = depth;
        }
        return depth;
    }

    private List<string>? FindCycle(string group, List<string> path)
    {
        if (path.Count > 0 && path[0] == group)
        {
            return [.. path, group];
        }
        if (path.Contains(group, StringComparer.Ordinal))
        {
            return null; // a cycle that does not pass through the start group; reported for its own members
        }
        path.Add(group);
        foreach (var child in _inventory.FindGroup(group)?.Children ?? [])
        {
            var cycle = FindCycle(child, path);
            if (cycle is not null)
            {
                return cycle;
            }
        }
        path.RemoveAt(path.Count - 1);
        return null;
    }
}
