namespace Runbooks.Core.Locks;

/// <summary>The run that holds a target's lock.</summary>
/// <param name="RunId">The holding run.</param>
/// <param name="OwnerKey">Its root run; runs with this key may re-enter.</param>
/// <param name="Runbook">The holding run's runbook.</param>
/// <param name="Worker">The worker it runs on.</param>
/// <param name="Since">When it took the lock (the database clock for the database locks).</param>
/// <param name="FencingToken">The hold's fencing token.</param>
public sealed record TargetLockHolder(string RunId, string OwnerKey, string Runbook, string Worker, DateTimeOffset Since, long FencingToken)
{
    /// <summary>The holder as operators read it: <c>run r1 (runbook restart-nginx, worker web-a) since 2026-03-01T10:00:00.000Z</c>.</summary>
    public string Describe() =>
        $"run {RunId} (runbook {Runbook}, worker {Worker}) since {Since.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fff'Z'}";
}
