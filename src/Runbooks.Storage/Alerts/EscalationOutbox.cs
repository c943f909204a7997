using System.Data.Common;
using Runbooks.Core;

namespace Runbooks.Storage.Alerts;

/// <summary>
/// The escalations waiting to be sent. A sender takes due rows (claimed for a while on the database clock, so two
/// servers never send one row at once), sends, and marks each sent or failed (tried again later). A process that dies
/// between sending and marking sends that one again when the claim runs out: at least once, never lost.
/// </summary>
public sealed class EscalationOutbox
{
    private const string Columns = "id, dedup_key, channel, kind, created_at, subject, body, attempts, next_attempt_at, sent_at, last_error";

    private readonly JournalDatabase _database;
    private readonly TimeProvider _time;

    internal EscalationOutbox(JournalDatabase database, TimeProvider time) => (_database, _time) = (database, time);

    /// <summary>Claims up to <paramref name="limit"/> due escalations for <paramref name="claimFor"/>; each claim counts as an attempt.</summary>
    public Task<IReadOnlyList<AlertEscalation>> TakeDueAsync(int limit, TimeSpan claimFor, CancellationToken cancellationToken) =>
        InConnectionAsync(async connection =>
        {
            var now = _time.GetUtcNow();
            var free = $"sent_at IS NULL AND next_attempt_at <= @now AND (claimed_until_ms IS NULL OR claimed_until_ms < {_database.NowMillisSql})";
            var ids = await AlertQueries.ReadAsync(connection, null, $"SELECT id FROM alert_escalations WHERE {free} ORDER BY id LIMIT @limit",
                [("now", now), ("limit", Math.Clamp(limit, 1, 1000))], r => r.GetInt64(0), cancellationToken).ConfigureAwait(false);
            var taken = new List<AlertEscalation>();
            foreach (var id in ids)
            {
                await using var claim = Sql.Command(connection, null,
                    $"UPDATE alert_escalations SET claimed_until_ms = {_database.NowMillisSql} + @claim, attempts = attempts + 1 WHERE id = @id AND {free}",
                    ("claim", (long)claimFor.TotalMilliseconds), ("id", id), ("now", now));
                if (await claim.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
                {
                    taken.AddRange(await AlertQueries.ReadAsync(connection, null, $"SELECT {Columns} FROM alert_escalations WHERE id = @id", [("id", id)], Read, cancellationToken).ConfigureAwait(false));
                }
            }
            return (IReadOnlyList<AlertEscalation>)taken;
        }, "take due escalations", cancellationToken);

    /// <summary>Records that a sender delivered the escalation.</summary>
    public Task MarkSentAsync(long id, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE alert_escalations SET sent_at = @at, claimed_until_ms = NULL, last_error = NULL WHERE id = @id",
            [("at", _time.GetUtcNow()), ("id", id)], $"mark escalation {id} sent", cancellationToken);

    /// <summary>Records a failed send; the escalation is due again at <paramref name="retryAt"/>.</summary>
    public Task MarkFailedAsync(long id, string error, DateTimeOffset retryAt, CancellationToken cancellationToken) =>
        ExecuteAsync("UPDATE alert_escalations SET last_error = @error, next_attempt_at = @retry, claimed_until_ms = NULL WHERE id = @id AND sent_at IS NULL",
            [("error", error), ("retry", retryAt), ("id", id)], $"mark escalation {id} failed", cancellationToken);

    /// <summary>Escalations, newest first; only the unsent ones when <paramref name="pendingOnly"/>.</summary>
    public Task<IReadOnlyList<AlertEscalation>> ListAsync(bool pendingOnly, CancellationToken cancellationToken) =>
        InConnectionAsync(connection => AlertQueries.ReadAsync(connection, null,
            $"SELECT {Columns} FROM alert_escalations{(pendingOnly ? " WHERE sent_at IS NULL" : "")} ORDER BY id DESC LIMIT 1000", [], Read, cancellationToken),
            "list escalations", cancellationToken);

    private static AlertEscalation Read(DbDataReader r) => new()
    {
        Id = r.GetInt64(0), DedupKey = r.GetString(1), Channel = r.GetString(2), Kind = r.GetString(3), CreatedAt = Sql.Instant(r, 4), Subject = r.GetString(5),
        Body = JsonValues.ReadMap(r.GetString(6)), Attempts = r.GetInt32(7), NextAttemptAt = Sql.Instant(r, 8), SentAt = Sql.NullableInstant(r, 9),
        LastError = Sql.NullableString(r, 10),
    };

    private Task ExecuteAsync(string sql, (string, object?)[] parameters, string what, CancellationToken cancellationToken) =>
        InConnectionAsync(async connection =>
        {
            await using var command = Sql.Command(connection, null, sql, parameters);
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, what, cancellationToken);

    private async Task<T> InConnectionAsync<T>(Func<DbConnection, Task<T>> work, string what, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            return await work(connection).ConfigureAwait(false);
        }
        catch (Exception ex) when (_database.IsDatabaseError(ex))
        {
            throw new RunbooksException($"cannot {what} in the {_database.Provider} journal at {_database.Location}: {ex.Message}", ex);
        }
    }
}
