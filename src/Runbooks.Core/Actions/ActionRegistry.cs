namespace Runbooks.Core.Actions;

/// <summary>The actions a runbook may use, by name. Built once at start-up; read-only afterwards.</summary>
public sealed class ActionRegistry
{
    private readonly Dictionary<string, IRunbookAction> _actions = new(StringComparer.Ordinal);

    /// <summary>Creates a registry from actions; duplicate names are a programming error.</summary>
    public ActionRegistry(IEnumerable<IRunbookAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        foreach (var action in actions)
        {
            if (!_actions.TryAdd(action.Descriptor.Name, action))
            {
                throw new ArgumentException($"two actions are named '{action.Descriptor.Name}'", nameof(actions));
            }
        }
    }

    /// <summary>Every action, sorted by name.</summary>
    public IReadOnlyList<IRunbookAction> All => [.. _actions.Values.OrderBy(a => a.Descriptor.Name, StringComparer.Ordinal)];

    /// <summary>Every action name, sorted.</summary>
    public IReadOnlyList<string> Names => [.. _actions.Keys.OrderBy(n => n, StringComparer.Ordinal)];

    /// <summary>Finds an action by name.</summary>
    public bool TryGet(string name, out IRunbookAction action) => _actions.TryGetValue(name, out action!);
}
