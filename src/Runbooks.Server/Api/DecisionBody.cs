namespace Runbooks.Server.Api;

/// <summary>The body of approve, reject, resume and cancel: why (required for decisions), and for resume where to go on.</summary>
internal sealed record DecisionBody
{
    /// <summary>Why: the audit trail of the decision.</summary>
    public string? Comment { get; init; }

    /// <summary>The gate's step path when a run waits at more than one.</summary>
    public string? Step { get; init; }

    /// <summary>Resume: go on from this step (its earlier results are discarded).</summary>
    public string? From { get; init; }

    /// <summary>Resume: treat these interrupted steps as done.</summary>
    public List<string>? Skip { get; init; }
}
