namespace Runbooks.Core.Locks;

/// <summary>A run waiting in a target's queue.</summary>
/// <param name="RunId">The waiting run.</param>
/// <param name="OwnerKey">Its root run.</param>
/// <param name="Runbook">Its runbook.</param>
/// <param name="Worker">The worker it runs on.</param>
/// <param name="QueuedAt">When it joined the queue.</param>
public sealed record TargetLockWaiter(string RunId, string OwnerKey, string Runbook, string Worker, DateTimeOffset QueuedAt);
