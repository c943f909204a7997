namespace Runbooks.Storage;

/// <summary>
/// Cancels runs from outside their worker (the API, <c>runbooks runs cancel</c>, a resolved alert). A run nobody runs
/// now (queued, suspended, in doubt, with no live owner) is cancelled at once, atomically: a worker that claims it a
/// moment later finds it ended. A run a worker is running gets a cancel request, which that worker sees within a lease
/// renewal and acts on as Ctrl+C would (the running step is stopped, <c>finally</c> steps run, the run ends cancelled).
/// </summary>
public sealed class RunCancellation
{
    private readonly JournalDatabase _database;

    internal RunCancellation(JournalDatabase database) => _database = database;

    /// <summary>Cancels or asks to cancel run <paramref name="runId"/>; says which, or why not.</summary>
    public async Task<CancelOutcome> CancelAsync(string runId, string by, string reason, DateTimeOffset at, CancellationToken cancellationToken, IReadOnlyList<string>? onlyIn = null)
    {
        var text = $"cancelled by {by}: {reason}";
        var statuses = onlyIn ?? ["queued", "suspended", "inDoubt"];
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var inList = string.Join(", ", statuses.Select((_, i) => $"@s{i}"));
        await using (var cancel = Sql.Command(connection, transaction,
            $"""
            UPDATE runs SET status = 'cancelled', ended_at = @at, status_reason = @reason, error = @reason, owner = NULL, lease_expires_ms = NULL, wake_at = NULL
            WHERE run_id = @id AND status IN ({inList}) AND (owner IS NULL OR lease_expires_ms IS NULL OR lease_expires_ms < {_database.NowMillisSql})
            """,
            [("at", at), ("reason", text), ("id", runId), .. statuses.Select((s, i) => ($"s{i}", (object?)s))]))
        {
            if (await cancel.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
            {
                await SqlRunJournal.EventAsync(connection, transaction, runId, at, "run.cancelled", null, null, "cancelled", text, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return new CancelOutcome(CancelResult.Cancelled, "cancelled");
            }
        }
        string? status;
        await using (var read = Sql.Command(connection, transaction, "SELECT status FROM runs WHERE run_id = @id", ("id", runId)))
        {
            status = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        }
        if (status is null)
        {
            return new CancelOutcome(CancelResult.NotFound, $"there is no run {runId} in the journal");
        }
        if (status is "running" or "queued" or "suspended" or "inDoubt" && onlyIn is null)
        {
            await using (var request = Sql.Command(connection, transaction,
                "UPDATE runs SET cancel_requested = @reason WHERE run_id = @id AND cancel_requested IS NULL", ("reason", text), ("id", runId)))
            {
                await request.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            await SqlRunJournal.EventAsync(connection, transaction, runId, at, "run.cancelRequested", null, null, status, text, cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return new CancelOutcome(CancelResult.Requested, $"run {runId} is {status} on a worker; it was asked to stop and ends cancelled within a lease renewal");
        }
        return new CancelOutcome(CancelResult.AlreadyEnded, $"run {runId} already ended ({status}); nothing to cancel");
    }

    /// <summary>Of <paramref name="runIds"/>, the runs with a cancel request, with its reason ("cancelled by who: why").</summary>
    public async Task<IReadOnlyDictionary<string, string>> RequestedAsync(IReadOnlyCollection<string> runIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(runIds);
        var requested = new Dictionary<string, string>(StringComparer.Ordinal);
        if (runIds.Count == 0)
        {
            return requested;
        }
        var ids = runIds.ToList();
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null,
            $"SELECT run_id, cancel_requested FROM runs WHERE cancel_requested IS NOT NULL AND run_id IN ({string.Join(", ", ids.Select((_, i) => $"@r{i}"))})",
            [.. ids.Select((id, i) => ($"r{i}", (object?)id))]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            requested[reader.GetString(0)] = reader.GetString(1);
        }
        return requested;
    }
}
