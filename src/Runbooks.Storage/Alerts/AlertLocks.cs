using System.Data.Common;
using System.Security.Cryptography;
using System.Text;

namespace Runbooks.Storage.Alerts;

/// <summary>
/// Serializes the decisions about one alert (fingerprint) and one target across every process sharing the journal:
/// on PostgreSQL a transaction-scoped advisory lock per key, taken in sorted order so two transactions cannot deadlock on
/// them; on SQLite the write transaction (BEGIN IMMEDIATE) already excludes every other writer.
/// </summary>
internal static class AlertLocks
{
    public static async Task LockAsync(JournalDatabase database, DbConnection connection, DbTransaction transaction, IEnumerable<string> keys, CancellationToken cancellationToken)
    {
        if (database.Provider != "postgresql")
        {
            return;
        }
        foreach (var key in keys.Distinct(StringComparer.Ordinal).Select(Key).Distinct().Order())
        {
            await using var command = Sql.Command(connection, transaction, "SELECT pg_advisory_xact_lock(@key)", ("key", key));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    // A 64-bit key from the text: collisions only make two unrelated alerts wait for each other, never decide wrongly.
    private static long Key(string text) => BitConverter.ToInt64(SHA256.HashData(Encoding.UTF8.GetBytes("runbooks.alerts:" + text)), 0);
}
