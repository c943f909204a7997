using System.Collections.Concurrent;

namespace Runbooks.Core.Engine;

/// <summary>
/// Where in the runbook a step runs: extra template roots (item, index, error), the path prefix of its results, and
/// for forEach bodies the iteration's own step states (so iterations never see each other's steps).
/// </summary>
internal sealed class Frame
{
    private readonly ConcurrentDictionary<string, object?>? _localSteps;
    private readonly Frame? _parent;

    private Frame(string prefix, IReadOnlyDictionary<string, object?> extra, ConcurrentDictionary<string, object?>? localSteps, Frame? parent)
    {
        Prefix = prefix;
        Extra = extra;
        _localSteps = localSteps;
        _parent = parent;
    }

    public static Frame Root { get; } = new("", new Dictionary<string, object?>(), null, null);

    public string Prefix { get; }

    public IReadOnlyDictionary<string, object?> Extra { get; }

    public string PathOf(string id) => Prefix + id;

    /// <summary>A frame with more roots (e.g. <c>error</c> for failure handlers), same steps.</summary>
    public Frame With(string prefix, params (string Name, object? Value)[] extra)
    {
        var roots = new Dictionary<string, object?>(Extra, StringComparer.Ordinal);
        foreach (var (name, value) in extra)
        {
            roots[name] = value;
        }
        return new Frame(prefix, roots, _localSteps, _parent);
    }

    /// <summary>A forEach iteration: its own step states on top of this frame's.</summary>
    public Frame Iteration(string prefix, string itemName, object? item, long index)
    {
        var roots = new Dictionary<string, object?>(Extra, StringComparer.Ordinal) { [itemName] = item, ["index"] = index };
        return new Frame(prefix, roots, new ConcurrentDictionary<string, object?>(StringComparer.Ordinal), this);
    }

    public bool TryGetLocalStep(string id, out object? state)
    {
        for (var frame = this; frame is not null; frame = frame._parent)
        {
            if (frame._localSteps is { } local)
            {
                if (local.TryGetValue(id, out state))
                {
                    return true;
                }
            }
        }
        state = null;
        return false;
    }

    public bool SetLocalStep(string id, object? state)
    {
        if (_localSteps is null)
        {
            return false;
        }
        _localSteps[id] = state;
        return true;
    }

    public IReadOnlyDictionary<string, object?> LocalSteps()
    {
        if (_localSteps is null)
        {
            return new Dictionary<string, object?>();
        }
        return new Dictionary<string, object?>(_localSteps, StringComparer.Ordinal);
    }

    public void CopyLocalStepsTo(Dictionary<string, object?> target)
    {
        var chain = new List<Frame>();
        for (var frame = this; frame is not null; frame = frame._parent)
        {
            chain.Add(frame);
        }
        chain.Reverse();
        foreach (var frame in chain)
        {
            foreach (var (id, state) in frame.LocalSteps())
            {
                target[id] = state;
            }
        }
    }
}
