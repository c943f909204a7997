namespace Runbooks.Storage;

/// <summary>What <see cref="RunCancellation.CancelAsync"/> did.</summary>
public sealed record CancelOutcome(CancelResult Result, string Message);
