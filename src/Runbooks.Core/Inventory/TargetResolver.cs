using Runbooks.Core.Diagnostics;
using Runbooks.Core.Model;
using Runbooks.Core.Validation;

namespace Runbooks.Core.Inventory;

/// <summary>
/// Turns a runbook's <c>targets</c> into inventory hosts: named hosts, members of groups and hosts matching the
/// selector, in inventory order, each once. Whatever selects a host, the host must exist in the inventory: an unknown
/// name (from a parameter, later from an alert) is an error and nothing connects.
/// </summary>
public static class TargetResolver
{
    /// <summary>Resolves targets whose host templates are already rendered (<paramref name="hostNames"/>).</summary>
    public static (IReadOnlyList<InventoryHost> Hosts, IReadOnlyList<Diagnostic> Problems) Resolve(
        TargetsDefinition targets, IReadOnlyList<string> hostNames, InventoryDefinition inventory)
    {
        ArgumentNullException.ThrowIfNull(targets);
        ArgumentNullException.ThrowIfNull(hostNames);
        ArgumentNullException.ThrowIfNull(inventory);
        var problems = new DiagnosticBag();
        var selected = new HashSet<string>(StringComparer.Ordinal);
        var names = inventory.Hosts.Select(h => h.Name).ToList();
        foreach (var name in hostNames)
        {
            if (inventory.Host(name) is null)
            {
                problems.Add(RuleCodes.UnknownTarget, targets.Span, "targets.hosts",
                    $"host '{name}' is not in the inventory ({inventory.SourcePath}){Suggestions.Hint(name, names)}; nothing connects to a host the inventory does not list");
            }
            selected.Add(name);
        }
        foreach (var group in targets.Groups)
        {
            if (!inventory.Groups.Contains(group, StringComparer.Ordinal))
            {
                problems.Add(RuleCodes.UnknownTarget, targets.Span, "targets.groups",
                    $"group '{group}' is not in the inventory ({inventory.SourcePath}){Suggestions.Hint(group, inventory.Groups)}");
            }
            selected.UnionWith(inventory.Hosts.Where(h => h.Groups.Contains(group, StringComparer.Ordinal)).Select(h => h.Name));
        }
        if (targets.Selector is { } text)
        {
            try
            {
                var selector = LabelSelector.Parse(text);
                selected.UnionWith(inventory.Hosts.Where(h => selector.Matches(h.Labels)).Select(h => h.Name));
            }
            catch (FormatException ex)
            {
                problems.Add(RuleCodes.BadSelector, targets.Span, "targets.selector", ex.Message);
            }
        }
        var hosts = inventory.Hosts.Where(h => selected.Contains(h.Name)).ToList();
        if (hosts.Count == 0 && !problems.HasErrors)
        {
            problems.Add(RuleCodes.UnknownTarget, targets.Span, "targets",
                $"the targets select no host of the inventory ({inventory.SourcePath}); check hosts, groups and selector");
        }
        return (hosts, problems.Sorted());
    }
}
