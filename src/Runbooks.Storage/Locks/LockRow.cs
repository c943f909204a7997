using System.Data.Common;
using Runbooks.Core.Locks;

namespace Runbooks.Storage.Locks;

/// <summary>One live row of <c>target_locks</c>: a holder (<c>holding</c>) or a waiter (<c>waiting</c>).</summary>
internal sealed record LockRow(long Seq, string Target, string State, string RunId, string OwnerKey, string Runbook, string Worker, long? FencingToken, DateTimeOffset QueuedAt, DateTimeOffset? AcquiredAt)
{
    public const string Holding = "holding";
    public const string Waiting = "waiting";

    /// <summary>The columns <see cref="Read"/> expects, in order.</summary>
    public const string Columns = "seq, target, state, run_id, owner_key, runbook, worker, fencing_token, queued_at, acquired_at";

    public bool IsHolding => State == Holding;

    public static LockRow Read(DbDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetString(6),
        r.IsDBNull(7) ? null : r.GetInt64(7), Sql.Instant(r, 8), Sql.NullableInstant(r, 9));

    public TargetLockHolder ToHolder() => new(RunId, OwnerKey, Runbook, Worker, AcquiredAt ?? QueuedAt, FencingToken ?? 0);

    public TargetLockWaiter ToWaiter() => new(RunId, OwnerKey, Runbook, Worker, QueuedAt);

    /// <summary>The state of one target from its live rows (in seq order): the first holder, the waiters in order.</summary>
    public static TargetLockState ToState(string target, IEnumerable<LockRow> rows)
    {
        var list = rows.ToList();
        return new TargetLockState(target, list.FirstOrDefault(r => r.IsHolding)?.ToHolder(), [.. list.Where(r => !r.IsHolding).Select(r => r.ToWaiter())]);
    }
}
