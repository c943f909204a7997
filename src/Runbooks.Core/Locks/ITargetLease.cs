namespace Runbooks.Core.Locks;

/// <summary>
/// A held target lock. Disposing releases it (more than once is harmless); the next run in the queue gets the target.
/// </summary>
public interface ITargetLease : IAsyncDisposable
{
    /// <summary>The target as the lock knows it (see <see cref="TargetLockKey"/>).</summary>
    string Target { get; }

    /// <summary>
    /// A number that grows with every new holder of this target and is never reused, so a write stamped with an older
    /// token can be recognised as coming from a holder that lost the lock. A re-entered lock (same owner key) shares
    /// the token of the hold it re-entered.
    /// </summary>
    long FencingToken { get; }

    /// <summary>
    /// Cancelled when the lease can no longer be trusted: it could not be renewed within its time to live (the database
    /// was unreachable) or another worker took it over after it expired. Whoever acts on the target must stop.
    /// </summary>
    CancellationToken Lost { get; }
}
