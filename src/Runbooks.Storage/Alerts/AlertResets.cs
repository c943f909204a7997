using System.Data.Common;
using Runbooks.Core;

namespace Runbooks.Storage.Alerts;

/// <summary>Closes breakers and needs-human marks for a key, recorded in <c>alert_resets</c>.</summary>
internal static class AlertResets
{
    public static async Task<AlertReset> ResetAsync(JournalDatabase database, DbConnection connection, DbTransaction transaction, string key, string by, string comment,
        DateTimeOffset now, CancellationToken cancellationToken)
    {
        await AlertLocks.LockAsync(database, connection, transaction, [$"fingerprint:{key}", $"target:{key}"], cancellationToken).ConfigureAwait(false);
        var breakers = await AlertQueries.ReadAsync(connection, transaction,
            $"SELECT {AlertQueries.BreakerColumns} FROM alert_breakers WHERE reset_at IS NULL AND scope_key = @key ORDER BY id", [("key", key)], AlertQueries.ReadBreaker, cancellationToken).ConfigureAwait(false);
        // Ids are numbers from the database itself: safe to write into the statement.
        var byBreaker = breakers.Count == 0 ? "" : $" OR breaker_id IN ({string.Join(", ", breakers.Select(b => b.Id))})";
        var marks = await AlertQueries.ReadAsync(connection, transaction,
            $"SELECT {AlertQueries.MarkColumns} FROM alert_needs_human WHERE reset_at IS NULL AND (target = @key{byBreaker}) ORDER BY id", [("key", key)], AlertQueries.ReadMark, cancellationToken).ConfigureAwait(false);
        // A mark set by a breaker of another key (an alert's breaker marked this host): that breaker closes with it.
        var markedBy = marks.Where(m => m.BreakerId is { } id && breakers.All(b => b.Id != id)).Select(m => m.BreakerId!.Value).Distinct().ToList();
        if (markedBy.Count > 0)
        {
            breakers = [.. breakers, .. await AlertQueries.ReadAsync(connection, transaction,
                $"SELECT {AlertQueries.BreakerColumns} FROM alert_breakers WHERE reset_at IS NULL AND id IN ({string.Join(", ", markedBy)}) ORDER BY id", [], AlertQueries.ReadBreaker, cancellationToken).ConfigureAwait(false)];
        }
        if (breakers.Count == 0 && marks.Count == 0)
        {
            throw new RunbooksException($"nothing to reset for '{key}': no open breaker and no needs-human mark has that target or fingerprint; list them with the alerts breakers query");
        }
        foreach (var breaker in breakers)
        {
            await ExecuteAsync(connection, transaction, "UPDATE alert_breakers SET reset_at = @at, reset_by = @by, reset_comment = @comment WHERE id = @id",
                cancellationToken, ("at", now), ("by", by), ("comment", comment), ("id", breaker.Id)).ConfigureAwait(false);
        }
        foreach (var mark in marks)
        {
            await ExecuteAsync(connection, transaction, "UPDATE alert_needs_human SET reset_at = @at, reset_by = @by, reset_comment = @comment WHERE id = @id",
                cancellationToken, ("at", now), ("by", by), ("comment", comment), ("id", mark.Id)).ConfigureAwait(false);
        }
        var closed = new Dictionary<string, object?>
        {
            ["breakers"] = breakers.Select(b => (object?)b.Id).ToList(), ["needsHuman"] = marks.Select(m => (object?)m.Id).ToList(),
        };
        await ExecuteAsync(connection, transaction,
            "INSERT INTO alert_resets (at, scope, scope_key, reset_by, reset_comment, closed) VALUES (@at, @scope, @key, @by, @comment, @closed)",
            cancellationToken, ("at", now), ("scope", breakers.Count > 0 ? breakers[0].Scope : "target"), ("key", key), ("by", by), ("comment", comment), ("closed", JsonValues.Write(closed))).ConfigureAwait(false);
        return new AlertReset(now, key, by, comment,
            [.. breakers.Select(b => b with { ResetAt = now, ResetBy = by, ResetComment = comment })],
            [.. marks.Select(m => m with { ResetAt = now, ResetBy = by, ResetComment = comment })]);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var command = Sql.Command(connection, transaction, sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
