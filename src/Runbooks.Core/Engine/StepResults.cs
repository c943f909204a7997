namespace Runbooks.Core.Engine;

/// <summary>A run's step results in the order they ended; parallel branches add to it, so it is locked.</summary>
internal sealed class StepResults
{
    private readonly Lock _gate = new();
    private readonly List<StepResult> _items = [];

    public void Add(StepResult result)
    {
        lock (_gate)
        {
            _items.Add(result);
        }
    }

    /// <summary>A copy, safe to enumerate while steps still end.</summary>
    public StepResult[] ToArray()
    {
        lock (_gate)
        {
            return [.. _items];
        }
    }

    public StepResult? LastOrDefault(Func<StepResult, bool> match) => ToArray().LastOrDefault(match);

    public StepResult? FirstOrDefault(Func<StepResult, bool> match) => ToArray().FirstOrDefault(match);
}
