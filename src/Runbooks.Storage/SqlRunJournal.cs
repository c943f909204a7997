using System.Data.Common;
using System.Globalization;
using Runbooks.Core;
using Runbooks.Core.Journal;

namespace Runbooks.Storage;

/// <summary>
/// The durable run journal, on SQLite or PostgreSQL. Every call commits before it returns: when
/// <see cref="StepStartingAsync"/> returns, the attempt's intent is on disk, so a crash after it leaves evidence that
/// the step may have acted. Each start draws a fencing token from the run's counter, and an outcome is written only
/// while the attempt is still <c>running</c> under that same token: a worker that lost the run cannot overwrite what
/// the new owner decided (it gets <see cref="StaleTicketException"/>).
/// <para>
/// Every run this journal writes is owned by <see cref="Owner"/> under a lease timed by the database's clock and
/// renewed in the background (<see cref="RunLeases"/>). A worker that stops renewing (killed, partitioned) loses its
/// runs to whichever worker claims them next; from then on every write of the old owner — a step start, an outcome, the
/// end of the run — is refused, so it cannot act again or overwrite the new owner's record.
/// </para>
/// </summary>
public sealed class SqlRunJournal : IRunJournal, IAsyncDisposable
{
    private readonly GroupCommitWriter _writer;
    private readonly JournalDatabase _database;
    private readonly RunLeases _leases;

    // Runs claimed by ClaimToContinueAsync, whose resume that claim already recorded: the engine's RunResumedAsync for
    // them writes nothing more.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, byte> _resumedByClaim = new(StringComparer.Ordinal);

    /// <summary>
    /// A journal writing to <paramref name="database"/>, whose schema must be migrated (see <see cref="JournalStore"/>),
    /// as <paramref name="owner"/> (a worker's unique name), holding run leases of <paramref name="leaseTtl"/>.
    /// </summary>
    public SqlRunJournal(JournalDatabase database, string owner, TimeSpan leaseTtl)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentException.ThrowIfNullOrEmpty(owner);
        _database = database;
        _writer = new GroupCommitWriter(database);
        Owner = owner;
        LeaseTtl = leaseTtl;
        _leases = new RunLeases(database, owner, leaseTtl);
    }

    /// <summary>The worker (or CLI process) this journal writes for.</summary>
    public string Owner { get; }

    /// <summary>How long a run stays owned without a renewal.</summary>
    public TimeSpan LeaseTtl { get; }

    /// <summary>Writes what is queued, stops renewing leases, then closes; later writes fail.</summary>
    public async ValueTask DisposeAsync()
    {
        await _leases.DisposeAsync().ConfigureAwait(false);
        await _writer.DisposeAsync().ConfigureAwait(false);
    }

    private string LeaseUntil => $"{_database.NowMillisSql} + @ttl";

    /// <summary>Who may take a run: nobody owns it, this owner does, or the owner's lease ran out on the database clock.</summary>
    private string Takeable => $"(owner IS NULL OR owner = @owner OR lease_expires_ms IS NULL OR lease_expires_ms < {_database.NowMillisSql})";

    private long TtlMillis => (long)LeaseTtl.TotalMilliseconds;

    /// <inheritdoc />
    public async ValueTask RunStartedAsync(RunRecord run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        _leases.Track(run.RunId);
        await InTransactionAsync(async (connection, transaction) =>
        {
            await RecordVersionAsync(connection, transaction, run, CancellationToken.None).ConfigureAwait(false);
            await using (var insert = Sql.Command(connection, transaction,
                $"""
                INSERT INTO runs (run_id, parent_run_id, runbook, content_hash, trigger, parameters, targets, dry_run, status, started_at, runbook_path, owner, lease_expires_ms)
                VALUES (@id, @parent, @runbook, @hash, @trigger, @parameters, @targets, @dry, @status, @at, @path, @owner, {LeaseUntil})
                """,
                ("id", run.RunId), ("parent", run.ParentRunId), ("runbook", run.Runbook), ("hash", run.ContentHash),
                ("trigger", run.Trigger), ("parameters", JsonValues.Write(run.Parameters)), ("targets", JsonValues.Write(run.Targets)),
                ("dry", run.DryRun), ("status", StatusText(RunStatus.Running)), ("at", run.StartedAt), ("path", run.RunbookPath),
                ("owner", Owner), ("ttl", TtlMillis)))
            {
                await insert.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            }
            await EventAsync(connection, transaction, run.RunId, run.StartedAt, "run.started", null, null, StatusText(RunStatus.Running), "started by " + run.Trigger, CancellationToken.None).ConfigureAwait(false);
        }, $"record the start of run {run.RunId}", cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask<StepTicket> StepStartingAsync(StepAttemptStart start, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        var token = await InsertAttemptAsync(start, null, $"record the start of step '{start.StepPath}' on {start.Target} in run {start.RunId}", cancellationToken).ConfigureAwait(false);
        return new StepTicket(start, token);
    }

    /// <inheritdoc />
    public async ValueTask StepRecordedAsync(StepAttemptStart start, StepAttemptOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(outcome);
        await InsertAttemptAsync(start, outcome, $"record step '{start.StepPath}' on {start.Target} in run {start.RunId}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Records an attempt under the next fencing token of its run, only if this owner holds the run: running (an intent,
    /// <paramref name="outcome"/> null) or already ended. Returns the token.
    /// </summary>
    private async Task<long> InsertAttemptAsync(StepAttemptStart start, StepAttemptOutcome? outcome, string what, CancellationToken cancellationToken)
    {
        long token = 0;
        await InOneCommandAsync(async (connection, transaction) =>
        {
            // One round trip: draw the next fencing token, and record the attempt under it only if this owner holds the
            // run (the row stays locked by the first statement until the commit, so ownership cannot change in between).
            await using var command = Sql.Command(connection, transaction,
                """
                UPDATE runs SET fencing_counter = fencing_counter + 1 WHERE run_id = @id AND owner = @owner RETURNING fencing_counter;
                INSERT INTO step_attempts (run_id, step_path, target, attempt, step_id, action, idempotent, description, fencing_token, status, started_at,
                    ended_at, exit_code, stdout, stderr, error, outputs, changed)
                SELECT @id, @path, @target, @attempt, @step, @action, @idempotent, @description, fencing_counter, @status, @at,
                    @endedAt, @exit, @stdout, @stderr, @error, @outputs, @changed FROM runs WHERE run_id = @id AND owner = @owner
                """,
                ("id", start.RunId), ("owner", Owner), ("path", start.StepPath), ("target", start.Target), ("attempt", start.Attempt), ("step", start.StepId),
                ("action", start.Action), ("idempotent", start.Idempotent), ("description", start.Description),
                ("status", StatusText(outcome?.Status ?? StepStatus.Running)), ("at", start.StartedAt), ("endedAt", outcome?.EndedAt), ("exit", outcome?.ExitCode),
                ("stdout", outcome?.Stdout), ("stderr", outcome?.Stderr), ("error", outcome?.Error),
                ("outputs", outcome is null ? null : JsonValues.Write(outcome.Outputs)), ("changed", outcome?.Changed ?? false));
            object? value = null;
            await using (var reader = await command.ExecuteReaderAsync(CancellationToken.None).ConfigureAwait(false))
            {
                if (await reader.ReadAsync(CancellationToken.None).ConfigureAwait(false))
                {
                    value = reader.GetValue(0);
                }
                while (await reader.NextResultAsync(CancellationToken.None).ConfigureAwait(false))
                {
                }
            }
            token = value is null
                ? throw await NotOwnedAsync(connection, transaction, start.RunId, $"step '{start.StepPath}' on {start.Target} may not {(outcome is null ? "start" : "be recorded")}").ConfigureAwait(false)
                : Convert.ToInt64(value, CultureInfo.InvariantCulture);
        }, what, cancellationToken).ConfigureAwait(false);
        return token;
    }

    /// <inheritdoc />
    public async ValueTask StepFinishedAsync(StepTicket ticket, StepAttemptOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(outcome);
        var start = ticket.Start;
        await InOneCommandAsync(async (connection, transaction) =>
        {
            await using var update = Sql.Command(connection, transaction,
                """
                UPDATE step_attempts
                SET status = @status, ended_at = @at, exit_code = @exit, stdout = @stdout, stderr = @stderr, error = @error, outputs = @outputs, changed = @changed
                WHERE run_id = @id AND step_path = @path AND target = @target AND attempt = @attempt AND fencing_token = @token AND status = @running
                  AND EXISTS (SELECT 1 FROM runs WHERE runs.run_id = @id AND runs.owner = @owner)
                """,
                ("status", StatusText(outcome.Status)), ("at", outcome.EndedAt), ("exit", outcome.ExitCode), ("stdout", outcome.Stdout),
                ("stderr", outcome.Stderr), ("error", outcome.Error), ("outputs", JsonValues.Write(outcome.Outputs)), ("changed", outcome.Changed),
                ("id", start.RunId), ("path", start.StepPath), ("target", start.Target), ("attempt", start.Attempt), ("token", ticket.FencingToken),
                ("running", StatusText(StepStatus.Running)), ("owner", Owner));
            if (await update.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false) != 1)
            {
                throw new StaleTicketException(
                    $"the outcome of step '{start.StepPath}' (attempt {start.Attempt}) on {start.Target} in run {start.RunId} was refused: the attempt is no longer running under ticket {ticket.FencingToken}, or the run is no longer owned by {Owner} (another worker or a person took it over); this worker must stop working on the run");
            }
        }, $"record the outcome of step '{start.StepPath}' on {start.Target} in run {start.RunId}", cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask StepSkippedAsync(string runId, string stepPath, string target, string reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await InOneCommandAsync(async (connection, transaction) =>
        {
            await using var insert = Sql.Command(connection, transaction,
                "INSERT INTO step_skips (run_id, step_path, target, reason, at) VALUES (@id, @path, @target, @reason, @at)",
                ("id", runId), ("path", stepPath), ("target", target), ("reason", reason), ("at", at));
            await insert.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }, $"record that step '{stepPath}' on {target} in run {runId} was skipped", cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask RunFinishedAsync(string runId, RunStatus status, string? error, IReadOnlyDictionary<string, object?> outputs, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await LeaveRunAsync(runId, "status = @status, ended_at = @at, error = @error, outputs = @outputs, owner = NULL, lease_expires_ms = NULL, wake_at = NULL, status_reason = NULL",
            [("status", StatusText(status)), ("at", at), ("error", error), ("outputs", JsonValues.Write(outputs))],
            "run.finished", StatusText(status), error, at, "its end cannot be recorded", $"record the end of run {runId}", cancellationToken).ConfigureAwait(false);
        _resumedByClaim.TryRemove(runId, out _);
        _leases.Forget(runId);
    }

    /// <summary>
    /// Sets a run this owner holds as it leaves the worker (ended or parked: <paramref name="set"/>) and appends its event,
    /// both or neither. On PostgreSQL one statement does both (the event is written from the updated row) in one round
    /// trip; on SQLite two statements in one transaction.
    /// </summary>
    private Task LeaveRunAsync(string runId, string set, (string Name, object? Value)[] values, string kind, string status, string? reason, DateTimeOffset at,
        string refusal, string what, CancellationToken cancellationToken)
    {
        (string Name, object? Value)[] parameters = [.. values, ("id", runId), ("owner", Owner), ("kind", kind), ("eventStatus", status), ("reason", reason), ("eventAt", at)];
        if (_database.ChainsWritesInOneStatement)
        {
            return InOneCommandAsync(async (connection, transaction) =>
            {
                await using var command = Sql.Command(connection, transaction,
                    $"""
                    WITH left_run AS (UPDATE runs SET {set} WHERE run_id = @id AND owner = @owner RETURNING run_id)
                    INSERT INTO run_events (run_id, at, kind, step_path, target, status, reason)
                    SELECT run_id, @eventAt, @kind, NULL, NULL, @eventStatus, @reason FROM left_run
                    """, parameters);
                if (await command.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false) != 1)
                {
                    throw await NotOwnedAsync(connection, transaction, runId, refusal).ConfigureAwait(false);
                }
            }, what, cancellationToken);
        }
        return InTransactionAsync(async (connection, transaction) =>
        {
            await using (var update = Sql.Command(connection, transaction, $"UPDATE runs SET {set} WHERE run_id = @id AND owner = @owner", parameters))
            {
                if (await update.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false) != 1)
                {
                    throw await NotOwnedAsync(connection, transaction, runId, refusal).ConfigureAwait(false);
                }
            }
            await EventAsync(connection, transaction, runId, at, kind, null, null, status, reason, CancellationToken.None).ConfigureAwait(false);
        }, what, cancellationToken);
    }

    /// <inheritdoc />
    public async ValueTask RunResumedAsync(string runId, string by, string reason, bool anyStepStarted, DateTimeOffset at, CancellationToken cancellationToken)
    {
        if (_resumedByClaim.TryRemove(runId, out _))
        {
            // ClaimToContinueAsync recorded this resume with its claim, in the same transaction.
            return;
        }
        await InTransactionAsync(async (connection, transaction) =>
        {
            // Claims the run unless another owner's lease is still live (a job handed to two workers runs on one).
            await using (var claim = Sql.Command(connection, transaction,
                $"""
                UPDATE runs SET status = @running, owner = @owner, lease_expires_ms = {LeaseUntil}, ended_at = NULL, wake_at = NULL, status_reason = NULL
                WHERE run_id = @id AND status IN (@queued, @running, @suspended, @inDoubt) AND {Takeable}
                """,
                ("running", StatusText(RunStatus.Running)), ("owner", Owner), ("ttl", TtlMillis), ("id", runId), ("queued", StatusText(RunStatus.Queued)),
                ("suspended", StatusText(RunStatus.Suspended)), ("inDoubt", StatusText(RunStatus.InDoubt))))
            {
                if (await claim.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false) != 1)
                {
                    throw await NotOwnedAsync(connection, transaction, runId, "it cannot be resumed here").ConfigureAwait(false);
                }
            }
            if (anyStepStarted)
            {
                // Whatever was running when the run stopped may or may not have acted: it is interrupted, and a late outcome
                // from the worker that ran it no longer matches a running attempt.
                await using (var interrupt = Sql.Command(connection, transaction,
                    "UPDATE step_attempts SET status = @interrupted, ended_at = @at, error = @error WHERE run_id = @id AND status = @running",
                    ("interrupted", StatusText(StepStatus.Interrupted)), ("at", at), ("id", runId), ("running", StatusText(StepStatus.Running)),
                    ("error", InterruptedError)))
                {
                    await interrupt.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
                }
                // A sub-run that was running went down with its parent's worker: it is not resumed on its own (the parent's
                // step that called it decides), and says so.
                await using (var orphans = Sql.Command(connection, transaction,
                    "UPDATE runs SET status = @inDoubt, status_reason = @reason, owner = NULL, lease_expires_ms = NULL WHERE parent_run_id = @id AND status = @running",
                    ("inDoubt", StatusText(RunStatus.InDoubt)), ("id", runId), ("running", StatusText(RunStatus.Running)),
                    ("reason", OrphanReason)))
                {
                    await orphans.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
                }
            }
            await EventAsync(connection, transaction, runId, at, "run.resumed", null, null, StatusText(RunStatus.Running), $"{reason} (by {by}, on {Owner})", CancellationToken.None).ConfigureAwait(false);
        }, $"record that run {runId} continues", cancellationToken).ConfigureAwait(false);
        _leases.Track(runId);
    }

    /// <summary>
    /// Takes a run for this owner before reading its history, so no other worker moves it on meanwhile: true when it is
    /// this owner's now; false when it ended or another owner's lease is still live (a duplicate job: do nothing).
    /// Workers pass <paramref name="includeInDoubt"/> false: an in-doubt run waits for a person.
    /// </summary>
    public async Task<bool> ClaimAsync(string runId, CancellationToken cancellationToken, bool includeInDoubt = true)
    {
        var claimed = false;
        var statuses = includeInDoubt ? "'queued', 'running', 'suspended', 'inDoubt'" : "'queued', 'running', 'suspended'";
        await InOneCommandAsync(async (connection, transaction) =>
        {
            await using var claim = Sql.Command(connection, transaction,
                $"""
                UPDATE runs SET owner = @owner, lease_expires_ms = {LeaseUntil}
                WHERE run_id = @id AND status IN ({statuses}) AND {Takeable}
                """, ("owner", Owner), ("ttl", TtlMillis), ("id", runId));
            claimed = await claim.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false) == 1;
        }, $"claim run {runId}", cancellationToken).ConfigureAwait(false);
        return claimed;
    }

    /// <summary>
    /// A worker's way in: claims the run, records that it continues (as <see cref="RunResumedAsync"/> would, with
    /// <paramref name="by"/> and <paramref name="reason"/>) and reads everything needed to continue it, in one
    /// transaction and one round trip. Null when there is nothing to do here: the run ended, is in doubt (it waits for a
    /// person), or another owner's lease is still live (a duplicate job). The engine's own <see cref="RunResumedAsync"/>
    /// for the run then writes nothing; <see cref="ReleaseAsync"/> gives the run back if it cannot be continued after all.
    /// </summary>
    public async Task<ResumableRun?> ClaimToContinueAsync(string runId, string by, string reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ResumableRun? claimed = null;
        await InOneCommandAsync(async (connection, transaction) =>
        {
            // The writes after the reads apply only if the claim took the run (it is this owner's now). What the reads
            // return is the run as the claim left it; attempts that were running still read as running, as before a resume.
            var mine = "EXISTS (SELECT 1 FROM runs WHERE run_id = @id AND owner = @owner)";
            await using var command = Sql.Command(connection, transaction,
                $"""
                UPDATE runs SET status = @running, owner = @owner, lease_expires_ms = {LeaseUntil}, ended_at = NULL, wake_at = NULL, status_reason = NULL
                WHERE run_id = @id AND status IN (@queued, @running, @suspended) AND {Takeable}
                RETURNING run_id;
                {RunDispatch.LoadSql};
                UPDATE step_attempts SET status = @interrupted, ended_at = @at, error = @interruptedError WHERE run_id = @id AND status = @running AND {mine};
                UPDATE runs SET status = @inDoubt, status_reason = @orphanReason, owner = NULL, lease_expires_ms = NULL WHERE parent_run_id = @id AND status = @running AND {mine};
                INSERT INTO run_events (run_id, at, kind, step_path, target, status, reason) SELECT @id, @at, 'run.resumed', NULL, NULL, @running, @reason WHERE {mine}
                """,
                ("id", runId), ("owner", Owner), ("ttl", TtlMillis), ("at", at), ("running", StatusText(RunStatus.Running)),
                ("queued", StatusText(RunStatus.Queued)), ("suspended", StatusText(RunStatus.Suspended)), ("inDoubt", StatusText(RunStatus.InDoubt)),
                ("interrupted", StatusText(StepStatus.Interrupted)), ("interruptedError", InterruptedError), ("orphanReason", OrphanReason),
                ("reason", $"{reason} (by {by}, on {Owner})"));
            await using var reader = await command.ExecuteReaderAsync(CancellationToken.None).ConfigureAwait(false);
            var took = await reader.ReadAsync(CancellationToken.None).ConfigureAwait(false);
            await reader.NextResultAsync(CancellationToken.None).ConfigureAwait(false);
            var run = await RunDispatch.ReadAsync(reader, runId, CancellationToken.None).ConfigureAwait(false);
            while (await reader.NextResultAsync(CancellationToken.None).ConfigureAwait(false))
            {
                // The writes: each runs as the reader reaches it.
            }
            // Set on every attempt: a group that failed is retried change by change, and this one runs again.
            claimed = took ? run : null;
        }, $"claim run {runId}", cancellationToken).ConfigureAwait(false);
        if (claimed is not null)
        {
            _resumedByClaim[runId] = 0;
            _leases.Track(runId);
        }
        return claimed;
    }

    private const string InterruptedError = "interrupted: the worker running it stopped before it ended; it may or may not have acted";

    private const string OrphanReason = "the worker running its parent run stopped while this sub-run ran; the parent run's step decides what happens";

    /// <summary>
    /// Stops renewing the lease of a run this worker could not finish recording (the database went away mid-run): the
    /// lease runs out, and the sweep of whichever worker sees the database first continues the run by the usual rules.
    /// </summary>
    public void Abandon(string runId)
    {
        _resumedByClaim.TryRemove(runId, out _);
        _leases.Forget(runId);
    }

    /// <summary>Gives a claimed run back without running it (it could not be loaded): the sweep offers it again.</summary>
    public async Task ReleaseAsync(string runId, CancellationToken cancellationToken)
    {
        _resumedByClaim.TryRemove(runId, out _);
        _leases.Forget(runId);
        await InOneCommandAsync(async (connection, transaction) =>
        {
            await using var release = Sql.Command(connection, transaction,
                "UPDATE runs SET owner = NULL, lease_expires_ms = NULL WHERE run_id = @id AND owner = @owner", ("id", runId), ("owner", Owner));
            await release.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
        }, $"release run {runId}", cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask RunParkedAsync(string runId, RunStatus status, string reason, DateTimeOffset? wakeAt, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await LeaveRunAsync(runId, "status = @status, status_reason = @statusReason, wake_at = @wake, owner = NULL, lease_expires_ms = NULL",
            [("status", StatusText(status)), ("statusReason", reason), ("wake", wakeAt)],
            "run." + StatusText(status), StatusText(status), reason, at, $"it cannot be marked {StatusText(status)}", $"record that run {runId} is {StatusText(status)}", cancellationToken).ConfigureAwait(false);
        _resumedByClaim.TryRemove(runId, out _);
        _leases.Forget(runId);
    }

    /// <inheritdoc />
    public async ValueTask ApprovalRequestedAsync(ApprovalRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await InTransactionAsync(async (connection, transaction) =>
        {
            await using var insert = Sql.Command(connection, transaction,
                """
                INSERT INTO approvals (run_id, step_path, approvers, min_approvals, message, requested_at, expires_at)
                VALUES (@id, @path, @approvers, @min, @message, @at, @expires)
                ON CONFLICT (run_id, step_path) DO NOTHING
                """,
                ("id", request.RunId), ("path", request.StepPath), ("approvers", JsonValues.Write(request.Approvers)), ("min", request.MinApprovals),
                ("message", request.Message), ("at", request.RequestedAt), ("expires", request.ExpiresAt));
            if (await insert.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false) == 1)
            {
                await EventAsync(connection, transaction, request.RunId, request.RequestedAt, "approval.requested", request.StepPath, null, null,
                    $"waiting for {request.MinApprovals} approval(s) from {string.Join(", ", request.Approvers)} until {request.ExpiresAt:u}: {request.Message}", CancellationToken.None).ConfigureAwait(false);
            }
        }, $"record the approval gate '{request.StepPath}' of run {request.RunId}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stores the runbook's text once per content hash, so any worker can resume the exact version later.</summary>
    internal static async Task RecordVersionAsync(DbConnection connection, DbTransaction transaction, RunRecord run, CancellationToken cancellationToken)
    {
        if (run.RunbookSource is null)
        {
            return;
        }
        await using var insert = Sql.Command(connection, transaction,
            """
            INSERT INTO runbook_versions (content_hash, name, source_path, content, recorded_at) VALUES (@hash, @name, @path, @content, @at)
            ON CONFLICT (content_hash) DO NOTHING
            """,
            ("hash", run.ContentHash), ("name", run.Runbook), ("path", run.RunbookPath), ("content", run.RunbookSource), ("at", run.StartedAt));
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Why this owner may not write to a run: it is not there, it ended, or another worker owns it now.</summary>
    private async Task<RunbooksException> NotOwnedAsync(DbConnection connection, DbTransaction? transaction, string runId, string what)
    {
        await using var read = Sql.Command(connection, transaction, "SELECT status, owner FROM runs WHERE run_id = @id", ("id", runId));
        await using var reader = await read.ExecuteReaderAsync(CancellationToken.None).ConfigureAwait(false);
        if (!await reader.ReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            return new RunbooksException($"run {runId} is not in the journal; {what}");
        }
        var status = reader.GetString(0);
        var owner = Sql.NullableString(reader, 1);
        return new StaleTicketException(owner is not null && owner != Owner
            ? $"run {runId} is owned by {owner} now (this worker, {Owner}, lost its lease); {what}: this worker must stop working on the run"
            : $"run {runId} is {status} and not owned by {Owner}; {what}");
    }

    /// <summary>The text stored for a status: its name in camelCase, as the CLI and the API show it.</summary>
    internal static string StatusText<TStatus>(TStatus status) where TStatus : struct, Enum
    {
        var name = status.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    /// <summary>Appends to a run's event history (<c>run_events</c>); every writer of the journal goes through here.</summary>
    internal static async Task EventAsync(DbConnection connection, DbTransaction? transaction, string runId, DateTimeOffset at, string kind, string? stepPath, string? target, string? status, string? reason, CancellationToken cancellationToken)
    {
        await using var insert = Sql.Command(connection, transaction,
            "INSERT INTO run_events (run_id, at, kind, step_path, target, status, reason) VALUES (@id, @at, @kind, @path, @target, @status, @reason)",
            ("id", runId), ("at", at), ("kind", kind), ("path", stepPath), ("target", target), ("status", status), ("reason", reason));
        await insert.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
    }

    private Task InTransactionAsync(Func<DbConnection, DbTransaction, Task> work, string what, CancellationToken cancellationToken)
    {
        // Once queued, a change is written even if the caller stops waiting: an intent on record without its action is
        // safe (it reads as a step that may have acted), the opposite is not.
        cancellationToken.ThrowIfCancellationRequested();
        return _writer.WriteAsync(work, what);
    }

    /// <summary>As <see cref="InTransactionAsync"/>, for a change sent as one command (see <see cref="GroupCommitWriter.WriteOneCommandAsync"/>).</summary>
    private Task InOneCommandAsync(Func<DbConnection, DbTransaction?, Task> work, string what, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return _writer.WriteOneCommandAsync(work, what);
    }
}
