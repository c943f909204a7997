namespace Runbooks.Core.Locks;

/// <summary>One target's lock: who holds it (null when free) and who waits, first in line first.</summary>
/// <param name="Target">The target (see <see cref="TargetLockKey"/>).</param>
/// <param name="Holder">The holding run, or null.</param>
/// <param name="Waiters">The waiting runs in queue order.</param>
public sealed record TargetLockState(string Target, TargetLockHolder? Holder, IReadOnlyList<TargetLockWaiter> Waiters);
