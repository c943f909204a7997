namespace Runbooks.Core.Templates;

/// <summary>
/// The parts of the scope a template can reach, as a tree of member names from the roots. A render converts only
/// these: a step template reading <c>steps.check.outputs.active</c> does not copy the outputs of every other step,
/// which would make a run of N steps cost N² conversions. A node read as a whole (<c>for s in steps</c>,
/// <c>steps[name]</c>, <c>{{ steps.check }}</c>) is converted with everything below it.
/// </summary>
internal sealed class ScopeNeeds
{
    private Dictionary<string, ScopeNeeds>? _children;

    /// <summary>True when the value here is used as a whole, so all of it must be converted.</summary>
    public bool Whole { get; private set; }

    /// <summary>Names read below this node, when it is not <see cref="Whole"/>.</summary>
    public IReadOnlyDictionary<string, ScopeNeeds> Children =>
        (IReadOnlyDictionary<string, ScopeNeeds>?)_children ?? new Dictionary<string, ScopeNeeds>();

    /// <summary>Records a read of <paramref name="path"/>: the last name is used whole.</summary>
    public void Add(IReadOnlyList<string> path)
    {
        var node = this;
        foreach (var name in path)
        {
            if (node.Whole)
            {
                return;
            }
            node._children ??= new Dictionary<string, ScopeNeeds>(StringComparer.Ordinal);
            if (!node._children.TryGetValue(name, out var child))
            {
                child = new ScopeNeeds();
                node._children[name] = child;
            }
            node = child;
        }
        node.Whole = true;
        node._children = null;
    }
}
