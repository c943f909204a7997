namespace Runbooks.Storage;

/// <summary>A step that did not run on a target, and why.</summary>
/// <param name="StepPath">The step's path.</param>
/// <param name="Target">The target.</param>
/// <param name="Reason">Why (condition false, an earlier failure, the rollout halted …).</param>
/// <param name="At">When it was decided.</param>
public sealed record StoredSkip(string StepPath, string Target, string Reason, DateTimeOffset At);
