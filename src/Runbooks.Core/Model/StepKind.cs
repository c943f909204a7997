namespace Runbooks.Core.Model;

/// <summary>What a step does.</summary>
public enum StepKind
{
    /// <summary>Runs one action.</summary>
    Action,
    /// <summary>Runs its action or block once per item.</summary>
    ForEach,
    /// <summary>Runs its branches at the same time.</summary>
    Parallel,
    /// <summary>Runs a block of steps in order (the body of a forEach).</summary>
    Block,
}
