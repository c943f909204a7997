using System.Data.Common;
using System.Globalization;
using Runbooks.Core.Locks;

namespace Runbooks.Storage.Locks;

/// <summary>
/// The statements on <c>target_locks</c>. Every change to a target's queue runs in one transaction that first locks
/// the target (<see cref="LockDialect.LockTargetAsync"/>) and drops rows the database clock says have expired, so two
/// workers can never both see the target free. Statements run without the caller's cancellation token: a commit the
/// client gave up on may still have happened on the server, and a row nobody knows about would block the target.
/// </summary>
internal sealed class LockTable(JournalDatabase database, LockDialect dialect, TimeSpan ttl)
{
    /// <summary>
    /// Takes the target for <paramref name="request"/> when it may (free with nobody ahead in the queue, or held by the
    /// same owner key), otherwise puts it in the queue (<paramref name="seq"/> null) or renews its place.
    /// </summary>
    public async Task<EnterResult> EnterAsync(LockRequest request, string target, long? seq)
    {
        var none = CancellationToken.None;
        await using var connection = await database.OpenAsync(none).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(none).ConfigureAwait(false);
        await dialect.LockTargetAsync(connection, transaction, target, none).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, $"DELETE FROM target_locks WHERE target = @t AND expires_at <= {dialect.Now}", ("t", target)).ConfigureAwait(false);
        var rows = await ReadAsync(connection, transaction, "WHERE target = @t", [("t", target)]).ConfigureAwait(false);
        if (seq is { } mine && !rows.Any(r => r.Seq == mine))
        {
            seq = null; // our place expired (the database was out of reach longer than the TTL): queue again at the end
        }
        var holder = rows.FirstOrDefault(r => r.IsHolding);
        long? token = null;
        if (holder is not null)
        {
            token = holder.OwnerKey == request.OwnerKey ? holder.FencingToken : null; // re-entry by the holder's own root run
        }
        else if (rows.FirstOrDefault(r => !r.IsHolding) is not { } head || head.Seq == seq)
        {
            await using var next = Sql.Command(connection, transaction,
                "UPDATE target_lock_fences SET last_token = last_token + 1 WHERE target = @t RETURNING last_token", ("t", target));
            token = Convert.ToInt64(await next.ExecuteScalarAsync(none).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }
        var state = token is null ? LockRow.Waiting : LockRow.Holding;
        if (seq is { } existing)
        {
            var set = token is null ? "" : $", state = @state, fencing_token = @token, acquired_at = {dialect.Now}";
            await ExecuteAsync(connection, transaction, $"UPDATE target_locks SET expires_at = {dialect.NowPlusTtl}{set} WHERE seq = @seq",
                ("ttl", dialect.Ttl(ttl)), ("state", state), ("token", token), ("seq", existing)).ConfigureAwait(false);
        }
        else
        {
            await using var insert = Sql.Command(connection, transaction,
                $"""
                INSERT INTO target_locks (target, state, run_id, owner_key, runbook, worker, fencing_token, queued_at, acquired_at, expires_at)
                VALUES (@t, @state, @run, @owner, @runbook, @worker, @token, {dialect.Now}, {(token is null ? "NULL" : dialect.Now)}, {dialect.NowPlusTtl})
                RETURNING seq
                """,
                ("t", target), ("state", state), ("run", request.RunId), ("owner", request.OwnerKey), ("runbook", request.Runbook),
                ("worker", request.Worker), ("token", token), ("ttl", dialect.Ttl(ttl)));
            seq = Convert.ToInt64(await insert.ExecuteScalarAsync(none).ConfigureAwait(false), CultureInfo.InvariantCulture);
        }
        await transaction.CommitAsync(none).ConfigureAwait(false);
        return new EnterResult(seq.Value, token);
    }

    /// <summary>Extends a held lease by the TTL; false when it is gone or already expired (taken over, or too late).</summary>
    public async Task<bool> RenewAsync(long seq, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var renew = Sql.Command(connection, null,
            $"UPDATE target_locks SET expires_at = {dialect.NowPlusTtl} WHERE seq = @seq AND state = @holding AND expires_at > {dialect.Now}",
            ("ttl", dialect.Ttl(ttl)), ("seq", seq), ("holding", LockRow.Holding));
        return await renew.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Removes a hold or a place in the queue, wakes the other workers, and returns the target's live rows after it.</summary>
    public async Task<IReadOnlyList<LockRow>> RemoveAsync(long seq, string target)
    {
        var none = CancellationToken.None;
        await using var connection = await database.OpenAsync(none).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(none).ConfigureAwait(false);
        await ExecuteAsync(connection, transaction, "DELETE FROM target_locks WHERE seq = @seq", ("seq", seq)).ConfigureAwait(false);
        await dialect.NotifyAsync(connection, transaction, target, none).ConfigureAwait(false);
        var rows = await ReadAsync(connection, transaction, $"WHERE target = @t AND expires_at > {dialect.Now}", [("t", target)]).ConfigureAwait(false);
        await transaction.CommitAsync(none).ConfigureAwait(false);
        return rows;
    }

    /// <summary>The live rows (not expired by the database clock) of <paramref name="targets"/>, or of every target.</summary>
    public async Task<IReadOnlyList<LockRow>> LiveAsync(IReadOnlyList<string>? targets, CancellationToken cancellationToken)
    {
        var where = $"WHERE expires_at > {dialect.Now}";
        var parameters = new List<(string, object?)>();
        if (targets is not null)
        {
            if (targets.Count == 0)
            {
                return [];
            }
            where += " AND target IN (" + string.Join(", ", targets.Select((_, i) => "@t" + i.ToString(CultureInfo.InvariantCulture))) + ")";
            parameters.AddRange(targets.Select((t, i) => ("t" + i.ToString(CultureInfo.InvariantCulture), (object?)t)));
        }
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(connection, null, where, [.. parameters], cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<LockRow>> ReadAsync(DbConnection connection, DbTransaction? transaction, string where, (string, object?)[] parameters, CancellationToken cancellationToken = default)
    {
        await using var command = Sql.Command(connection, transaction, $"SELECT {LockRow.Columns} FROM target_locks {where} ORDER BY target, seq", parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<LockRow>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(LockRow.Read(reader));
        }
        return rows;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql, params (string, object?)[] parameters)
    {
        await using var command = Sql.Command(connection, transaction, sql, parameters);
        await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
    }
}
