using System.Data.Common;
using Runbooks.Core;
using Runbooks.Core.Journal;

namespace Runbooks.Storage;

/// <summary>
/// The journal side of running runs on workers: runs are queued here first (the Hangfire job carries only the run id),
/// the sweep finds runs whose worker died, runs handed back by a worker that shut down, and suspended runs whose time
/// came or that were decided, and puts them back in the queue — each run atomically, so two workers sweeping at once
/// never both take it. A job that finds its run already owned or ended does nothing: jobs may be delivered twice.
/// </summary>
public sealed class RunDispatch
{
    private readonly JournalDatabase _database;

    internal RunDispatch(JournalDatabase database) => _database = database;

    /// <summary>
    /// Records a run that a worker will start (<see cref="RunStatus.Queued"/>). Until <paramref name="grace"/> has passed
    /// the sweep leaves it to the job that was enqueued for it; after that (a job lost with an in-memory queue) it is
    /// queued again.
    /// </summary>
    public async Task QueueAsync(RunRecord run, string queue, TimeSpan grace, CancellationToken cancellationToken, DateTimeOffset? wakeAt = null, string? reason = null)
    {
        ArgumentNullException.ThrowIfNull(run);
        await InTransactionAsync((connection, transaction) => QueueAsync(_database, connection, transaction, run, queue, grace, wakeAt, reason, cancellationToken),
            $"queue run {run.RunId}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <see cref="QueueAsync(RunRecord, string, TimeSpan, CancellationToken, DateTimeOffset?, string?)"/> inside the caller's
    /// transaction, so a run is queued together with what decided it (an alert's decision) or not at all.
    /// </summary>
    internal static async Task QueueAsync(JournalDatabase database, DbConnection connection, DbTransaction transaction, RunRecord run, string queue, TimeSpan grace,
        DateTimeOffset? wakeAt, string? reason, CancellationToken cancellationToken)
    {
        await SqlRunJournal.RecordVersionAsync(connection, transaction, run, cancellationToken).ConfigureAwait(false);
        await using (var insert = Sql.Command(connection, transaction,
            $"""
            INSERT INTO runs (run_id, parent_run_id, runbook, content_hash, trigger, parameters, targets, dry_run, status, started_at, runbook_path, queue, lease_expires_ms, wake_at, status_reason, alert)
            VALUES (@id, NULL, @runbook, @hash, @trigger, @parameters, @targets, @dry, @status, @at, @path, @queue, {database.NowMillisSql} + @grace, @wake, @reason, @alert)
            """,
            ("id", run.RunId), ("runbook", run.Runbook), ("hash", run.ContentHash), ("trigger", run.Trigger),
            ("parameters", JsonValues.Write(run.Parameters)), ("targets", JsonValues.Write(run.Targets)), ("dry", run.DryRun),
            ("status", SqlRunJournal.StatusText(wakeAt is null ? RunStatus.Queued : RunStatus.Suspended)), ("at", run.StartedAt), ("path", run.RunbookPath), ("queue", queue),
            ("grace", (long)grace.TotalMilliseconds), ("wake", wakeAt), ("reason", reason), ("alert", run.Alert is null ? null : JsonValues.Write(run.Alert))))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await SqlRunJournal.EventAsync(connection, transaction, run.RunId, run.StartedAt, "run.queued", null, null, SqlRunJournal.StatusText(wakeAt is null ? RunStatus.Queued : RunStatus.Suspended),
            reason ?? $"queued on '{queue}' by {run.Trigger}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Takes every run that needs a worker and has none: running under an expired lease (its worker died), queued
    /// without a live job (handed back, or its grace passed), suspended with its wake-up time passed (decided, timed out).
    /// Each is set queued again under a new grace; the caller enqueues a job for each one returned.
    /// </summary>
    public async Task<IReadOnlyList<QueuedRun>> TakeRecoverableAsync(DateTimeOffset now, TimeSpan grace, int limit, CancellationToken cancellationToken)
    {
        var now_ms = _database.NowMillisSql;
        var condition =
            $"""
            ((status = 'running' AND (lease_expires_ms IS NULL OR lease_expires_ms < {now_ms}))
              OR (status = 'queued' AND (lease_expires_ms IS NULL OR lease_expires_ms < {now_ms}))
              OR (status = 'suspended' AND wake_at IS NOT NULL AND wake_at <= @now))
              AND parent_run_id IS NULL
            """;
        return await TakeEachAsync(condition, $"status = 'queued', owner = NULL, lease_expires_ms = {now_ms} + @grace, wake_at = NULL",
            [("now", now), ("grace", (long)grace.TotalMilliseconds)], limit, "look for runs to recover", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Selects up to <paramref name="limit"/> runs matching <paramref name="condition"/>, then takes each with
    /// <c>UPDATE … SET <paramref name="set"/></c> under the same condition, so that of two sweepers at once only one
    /// takes a run. Returns the runs taken, with their status before.
    /// </summary>
    private async Task<IReadOnlyList<QueuedRun>> TakeEachAsync(string condition, string set, (string Name, object? Value)[] parameters, int limit, string what,
        CancellationToken cancellationToken)
    {
        var candidates = new List<(string Id, string Status, string? Queue)>();
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using (var select = Sql.Command(connection, null,
                $"SELECT run_id, status, queue FROM runs WHERE {condition} ORDER BY started_at LIMIT @limit", [.. parameters, ("limit", limit)]))
            await using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    candidates.Add((reader.GetString(0), reader.GetString(1), Sql.NullableString(reader, 2)));
                }
            }
            var taken = new List<QueuedRun>();
            foreach (var (id, status, queue) in candidates)
            {
                await using var take = Sql.Command(connection, null, $"UPDATE runs SET {set} WHERE run_id = @id AND {condition}", [.. parameters, ("id", id)]);
                if (await take.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
                {
                    taken.Add(new QueuedRun(id, queue ?? "default", status));
                }
            }
            return taken;
        }
        catch (Exception ex) when (_database.IsDatabaseError(ex))
        {
            throw new RunbooksException($"cannot {what} in the {_database.Provider} journal at {_database.Location}: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Takes queued runs on <paramref name="idleQueues"/> (queues with no job waiting to be fetched) that were queued,
    /// or last queued again, more than <paramref name="strandedAfter"/> ago and that no worker has claimed: with
    /// nothing ahead of them, their job must have been lost after it was fetched (bench/durable: Hangfire.PostgreSql
    /// strands about one fetched job in 1,000 under a deep backlog, kept invisible by its heartbeat). Each is queued
    /// again under a new <paramref name="grace"/>; the caller enqueues a job for it. A run whose job was only slow is
    /// delivered twice, and the second delivery does nothing.
    /// </summary>
    public async Task<IReadOnlyList<QueuedRun>> TakeStrandedAsync(IReadOnlyCollection<string> idleQueues, TimeSpan strandedAfter, TimeSpan grace, int limit,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(idleQueues);
        if (idleQueues.Count == 0)
        {
            return [];
        }
        // lease_expires_ms of a queued run is when it was (last) queued plus the grace it was given then; the grace is
        // the same setting for every queueing, so "queued longer ago than strandedAfter" is this comparison.
        var queues = string.Join(", ", idleQueues.Select((_, i) => $"@q{i}"));
        var condition = $"status = 'queued' AND owner IS NULL AND parent_run_id IS NULL AND queue IN ({queues}) AND lease_expires_ms < {_database.NowMillisSql} + @before";
        var parameters = idleQueues.Select((q, i) => ($"q{i}", (object?)q))
            .Append(("before", (long)(grace - strandedAfter).TotalMilliseconds)).Append(("grace", (long)grace.TotalMilliseconds)).ToArray();
        return await TakeEachAsync(condition, $"lease_expires_ms = {_database.NowMillisSql} + @grace", parameters, limit, "look for stranded runs", cancellationToken)
            .ConfigureAwait(false);
    }

    /// <summary>
    /// Ends the queue grace of a queued run nobody owns, so the next sweep queues it again: its job could not be
    /// created. A run already claimed (the job was created after all, and delivered) is left alone.
    /// </summary>
    public async Task OfferToSweepAsync(string runId, CancellationToken cancellationToken)
    {
        await InTransactionAsync(async (connection, transaction) =>
        {
            await using var offer = Sql.Command(connection, transaction,
                $"UPDATE runs SET lease_expires_ms = {_database.NowMillisSql} - 1 WHERE run_id = @id AND status = 'queued' AND owner IS NULL", ("id", runId));
            await offer.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, $"offer run {runId} to the sweep", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The statements that read everything a worker needs to continue a run (<c>@id</c>): the run with its runbook
    /// version, its attempts, skips, approval gates and decisions — sent together, read by <see cref="ReadAsync"/>.
    /// </summary>
    internal static string LoadSql { get; } = string.Join(";\n",
        """
        SELECT r.status, r.runbook, r.content_hash, r.trigger, r.parameters, r.targets, r.started_at, r.dry_run, COALESCE(r.runbook_path, v.source_path), v.content, r.status_reason, r.alert
        FROM runs r LEFT JOIN runbook_versions v ON v.content_hash = r.content_hash WHERE r.run_id = @id
        """,
        """
        SELECT step_path, target, attempt, status, idempotent, action, started_at, ended_at, outputs, exit_code, stdout, stderr, error, changed
        FROM step_attempts WHERE run_id = @id
        """,
        "SELECT target, step_path, reason FROM step_skips WHERE run_id = @id",
        ApprovalStore.GatesSql,
        ApprovalStore.DecisionsSql);

    /// <summary>Everything a worker needs to continue a run: the run, the exact runbook text, and its history.</summary>
    public async Task<ResumableRun?> LoadAsync(string runId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // One round trip for all five reads.
            await using var read = Sql.Command(connection, null, LoadSql, ("id", runId));
            await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await ReadAsync(reader, runId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (_database.IsDatabaseError(ex))
        {
            throw new RunbooksException($"cannot read run {runId} from the {_database.Provider} journal at {_database.Location}: {ex.Message}", ex);
        }
    }

    /// <summary>Reads the results of <see cref="LoadSql"/>, from the reader's current result set on; null when the run is not there.</summary>
    internal static async Task<ResumableRun?> ReadAsync(DbDataReader reader, string runId, CancellationToken cancellationToken)
    {
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }
        var (status, runbook, hash, trigger, parameters, targets) = (reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5));
        var started = Sql.Instant(reader, 6);
        var dryRun = reader.GetBoolean(7);
        var path = Sql.NullableString(reader, 8);
        var content = Sql.NullableString(reader, 9);
        var reason = Sql.NullableString(reader, 10);
        var alert = Sql.NullableString(reader, 11);
        var attempts = new List<PriorAttempt>();
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            attempts.Add(new PriorAttempt
            {
                StepPath = reader.GetString(0), Target = reader.GetString(1), Attempt = reader.GetInt32(2), Status = ParseStep(reader.GetString(3)),
                Idempotent = reader.GetBoolean(4), Action = reader.GetString(5), StartedAt = Sql.Instant(reader, 6), EndedAt = Sql.NullableInstant(reader, 7),
                Outputs = JsonValues.ReadMap(Sql.NullableString(reader, 8)), ExitCode = reader.IsDBNull(9) ? null : reader.GetInt32(9),
                Stdout = Sql.NullableString(reader, 10), Stderr = Sql.NullableString(reader, 11), Error = Sql.NullableString(reader, 12), Changed = reader.GetBoolean(13),
            });
        }
        var skips = new List<(string, string, string)>();
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            skips.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var gates = await ApprovalStore.ReadGatesAsync(reader, runId, cancellationToken).ConfigureAwait(false);
        await reader.NextResultAsync(cancellationToken).ConfigureAwait(false);
        var decisions = await ApprovalStore.ReadDecisionsAsync(reader, runId, cancellationToken).ConfigureAwait(false);
        return new ResumableRun
        {
            RunId = runId, Status = status, Runbook = runbook, ContentHash = hash, Trigger = trigger, StartedAt = started, DryRun = dryRun,
            Parameters = JsonValues.ReadMap(parameters), Targets = (JsonValues.Read(targets) as IEnumerable<object?> ?? []).Select(t => t?.ToString() ?? "").ToList(),
            RunbookPath = path, RunbookSource = content, StatusReason = reason, Alert = alert is null ? null : JsonValues.ReadMap(alert),
            History = new RunHistory(attempts, skips, decisions, gates),
        };
    }

    /// <summary>A run's status and why, in one read: enough to decide whether to claim it.</summary>
    public async Task<ResumableRun?> PeekAsync(string runId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var read = Sql.Command(connection, null, "SELECT status, status_reason, runbook, content_hash, trigger, started_at FROM runs WHERE run_id = @id", ("id", runId));
            await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }
            return new ResumableRun
            {
                RunId = runId, Status = reader.GetString(0), StatusReason = Sql.NullableString(reader, 1), Runbook = reader.GetString(2),
                ContentHash = reader.GetString(3), Trigger = reader.GetString(4), StartedAt = Sql.Instant(reader, 5),
                Parameters = new Dictionary<string, object?>(), Targets = [], History = RunHistory.Empty,
            };
        }
        catch (Exception ex) when (_database.IsDatabaseError(ex))
        {
            throw new RunbooksException($"cannot read run {runId} from the {_database.Provider} journal at {_database.Location}: {ex.Message}", ex);
        }
    }

    internal static StepStatus ParseStep(string text) =>
        Enum.TryParse<StepStatus>(text, ignoreCase: true, out var status) ? status : StepStatus.Unknown;

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (_database.IsDatabaseError(ex))
        {
            throw new RunbooksException($"cannot open the {_database.Provider} journal at {_database.Location}: {ex.Message}", ex);
        }
    }

    private async Task InTransactionAsync(Func<DbConnection, DbTransaction, Task> work, string what, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await work(connection, transaction).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (_database.IsDatabaseError(ex))
        {
            throw new RunbooksException($"cannot {what} in the {_database.Provider} journal at {_database.Location}: {ex.Message}", ex);
        }
    }
}

/// <summary>A run the sweep put back in the queue: enqueue a job for it on <paramref name="Queue"/>.</summary>
/// <param name="RunId">The run.</param>
/// <param name="Queue">Its queue (<c>remediation</c>, <c>default</c>, <c>maintenance</c>).</param>
/// <param name="WasStatus">What it was before: running (worker died), queued, or suspended (woken).</param>
public sealed record QueuedRun(string RunId, string Queue, string WasStatus);
