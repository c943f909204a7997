using System.Globalization;

namespace Runbooks.Storage.Locks;

/// <summary>
/// SQLite: instants are the database's own <c>strftime('%Y-%m-%dT%H:%M:%fZ','now')</c> text (fixed width, so text
/// order is time order); a write transaction (BEGIN IMMEDIATE) is exclusive, which serializes every queue. There is no
/// notification between processes, so waiters in other processes look every 50 ms; waiters in the same process are
/// woken at once on release.
/// </summary>
internal sealed class SqliteLockDialect : LockDialect
{
    public override string Now => "strftime('%Y-%m-%dT%H:%M:%fZ', 'now')";

    public override string NowPlusTtl => "strftime('%Y-%m-%dT%H:%M:%fZ', 'now', @ttl)";

    public override TimeSpan PollInterval => TimeSpan.FromMilliseconds(50);

    public override object Ttl(TimeSpan ttl) => string.Create(CultureInfo.InvariantCulture, $"+{ttl.TotalSeconds:0.000} seconds");
}
