namespace Runbooks.Storage;

/// <summary>A change of a run's state, with its reason, in the order it happened.</summary>
/// <param name="Sequence">Grows with every event in the journal.</param>
/// <param name="At">When.</param>
/// <param name="Kind">What happened (<c>run.started</c>, <c>run.finished</c> …).</param>
/// <param name="StepPath">The step concerned, or null.</param>
/// <param name="Target">The target concerned, or null.</param>
/// <param name="Status">The status it led to, or null.</param>
/// <param name="Reason">Why, for people; null when there is nothing to say.</param>
public sealed record RunEvent(long Sequence, DateTimeOffset At, string Kind, string? StepPath, string? Target, string? Status, string? Reason);
