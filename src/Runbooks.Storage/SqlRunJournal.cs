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
/// </summary>
public sealed class SqlRunJournal : IRunJournal, IAsyncDisposable
{
    private readonly GroupCommitWriter _writer;

    /// <summary>A journal writing to <paramref name="database"/>, whose schema must be migrated (see <see cref="JournalStore"/>).</summary>
    public SqlRunJournal(JournalDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _writer = new GroupCommitWriter(database);
    }

    /// <summary>Writes what is queued, then closes; later writes fail.</summary>
    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    /// <inheritdoc />
    public async ValueTask RunStartedAsync(RunRecord run, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(run);
        await InTransactionAsync(async (connection, transaction) =>
        {
            await using (var insert = Sql.Command(connection, transaction,
                """
                INSERT INTO runs (run_id, parent_run_id, runbook, content_hash, trigger, parameters, targets, dry_run, status, started_at)
                VALUES (@id, @parent, @runbook, @hash, @trigger, @parameters, @targets, @dry, @status, @at)
                """,
                ("id", run.RunId), ("parent", run.ParentRunId), ("runbook", run.Runbook), ("hash", run.ContentHash),
                ("trigger", run.Trigger), ("parameters", JsonValues.Write(run.Parameters)), ("targets", JsonValues.Write(run.Targets)),
                ("dry", run.DryRun), ("status", StatusText(RunStatus.Running)), ("at", run.StartedAt)))
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
        long token = 0;
        await InTransactionAsync(async (connection, transaction) =>
        {
            await using (var next = Sql.Command(connection, transaction,
                "UPDATE runs SET fencing_counter = fencing_counter + 1 WHERE run_id = @id RETURNING fencing_counter", ("id", start.RunId)))
            {
                var value = await next.ExecuteScalarAsync(CancellationToken.None).ConfigureAwait(false)
                    ?? throw new RunbooksException($"run {start.RunId} is not in the journal; a step cannot start in a run that was never recorded");
                token = Convert.ToInt64(value, CultureInfo.InvariantCulture);
            }
            await using (var insert = Sql.Command(connection, transaction,
                """
                INSERT INTO step_attempts (run_id, step_path, target, attempt, step_id, action, idempotent, description, fencing_token, status, started_at)
                VALUES (@id, @path, @target, @attempt, @step, @action, @idempotent, @description, @token, @status, @at)
                """,
                ("id", start.RunId), ("path", start.StepPath), ("target", start.Target), ("attempt", start.Attempt), ("step", start.StepId),
                ("action", start.Action), ("idempotent", start.Idempotent), ("description", start.Description), ("token", token),
                ("status", StatusText(StepStatus.Running)), ("at", start.StartedAt)))
            {
                await insert.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false);
            }
        }, $"record the start of step '{start.StepPath}' on {start.Target} in run {start.RunId}", cancellationToken).ConfigureAwait(false);
        return new StepTicket(start, token);
    }

    /// <inheritdoc />
    public async ValueTask StepFinishedAsync(StepTicket ticket, StepAttemptOutcome outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        ArgumentNullException.ThrowIfNull(outcome);
        var start = ticket.Start;
        await InTransactionAsync(async (connection, transaction) =>
        {
            await using var update = Sql.Command(connection, transaction,
                """
                UPDATE step_attempts
                SET status = @status, ended_at = @at, exit_code = @exit, stdout = @stdout, stderr = @stderr, error = @error, outputs = @outputs, changed = @changed
                WHERE run_id = @id AND step_path = @path AND target = @target AND attempt = @attempt AND fencing_token = @token AND status = @running
                """,
                ("status", StatusText(outcome.Status)), ("at", outcome.EndedAt), ("exit", outcome.ExitCode), ("stdout", outcome.Stdout),
                ("stderr", outcome.Stderr), ("error", outcome.Error), ("outputs", JsonValues.Write(outcome.Outputs)), ("changed", outcome.Changed),
                ("id", start.RunId), ("path", start.StepPath), ("target", start.Target), ("attempt", start.Attempt), ("token", ticket.FencingToken),
                ("running", StatusText(StepStatus.Running)));
            if (await update.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false) != 1)
            {
                throw new StaleTicketException(
                    $"the outcome of step '{start.StepPath}' (attempt {start.Attempt}) on {start.Target} in run {start.RunId} was refused: the attempt is no longer running under ticket {ticket.FencingToken} (another worker or a person took it over); this worker must stop working on the run");
            }
        }, $"record the outcome of step '{start.StepPath}' on {start.Target} in run {start.RunId}", cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async ValueTask StepSkippedAsync(string runId, string stepPath, string target, string reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await InTransactionAsync(async (connection, transaction) =>
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
        await InTransactionAsync(async (connection, transaction) =>
        {
            await using (var update = Sql.Command(connection, transaction,
                "UPDATE runs SET status = @status, ended_at = @at, error = @error, outputs = @outputs WHERE run_id = @id",
                ("status", StatusText(status)), ("at", at), ("error", error), ("outputs", JsonValues.Write(outputs)), ("id", runId)))
            {
                if (await update.ExecuteNonQueryAsync(CancellationToken.None).ConfigureAwait(false) != 1)
                {
                    throw new RunbooksException($"run {runId} is not in the journal; its end cannot be recorded");
                }
            }
            await EventAsync(connection, transaction, runId, at, "run.finished", null, null, StatusText(status), error, CancellationToken.None).ConfigureAwait(false);
        }, $"record the end of run {runId}", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The text stored for a status: its name in camelCase, as the CLI and the API show it.</summary>
    internal static string StatusText<TStatus>(TStatus status) where TStatus : struct, Enum
    {
        var name = status.ToString();
        return char.ToLowerInvariant(name[0]) + name[1..];
    }

    private static async Task EventAsync(DbConnection connection, DbTransaction transaction, string runId, DateTimeOffset at, string kind, string? stepPath, string? target, string? status, string? reason, CancellationToken cancellationToken)
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
}
