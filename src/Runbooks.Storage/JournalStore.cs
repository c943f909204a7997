using System.Data.Common;
using Runbooks.Core;

namespace Runbooks.Storage;

/// <summary>
/// The durable journal's entry point: opens the database, applies missing schema migrations, and gives the
/// <see cref="Journal"/> the engine writes to and the reads the CLI and the API show (<c>runbooks runs list|show</c>).
/// </summary>
public sealed class JournalStore : IAsyncDisposable
{
    private const string RunColumns =
        "run_id, parent_run_id, runbook, content_hash, trigger, parameters, targets, dry_run, status, started_at, ended_at, error, outputs, status_reason, owner, wake_at";

    private readonly JournalDatabase _database;

    private JournalStore(JournalDatabase database, JournalOwner owner)
    {
        _database = database;
        Journal = new SqlRunJournal(database, owner.Name, owner.LeaseTtl);
        Dispatch = new RunDispatch(database);
        Approvals = new ApprovalStore(database);
        Keys = new Keys.ApiKeyStore(database);
        Pauses = new SchedulePauses(database);
        Saves = new RunbookSaves(database);
        Cancellation = new RunCancellation(database);
    }

    /// <summary>The journal runs write to.</summary>
    public SqlRunJournal Journal { get; }

    /// <summary>Queued runs, the recovery sweep, and what a worker loads to continue a run.</summary>
    public RunDispatch Dispatch { get; }

    /// <summary>Approval gates and decisions.</summary>
    public ApprovalStore Approvals { get; }

    /// <summary>The server's API keys (hashed).</summary>
    public Keys.ApiKeyStore Keys { get; }

    /// <summary>Schedules paused through the API or CLI.</summary>
    public SchedulePauses Pauses { get; }

    /// <summary>Runbooks saved or deleted through the API: which version, who, when.</summary>
    public RunbookSaves Saves { get; }

    /// <summary>Cancels runs from outside their worker.</summary>
    public RunCancellation Cancellation { get; }

    /// <summary>The database behind it.</summary>
    public JournalDatabase Database => _database;

    /// <summary>Opens <paramref name="database"/> and brings its schema up to date; the store owns it from now on.</summary>
    public static Task<JournalStore> OpenAsync(JournalDatabase database, CancellationToken cancellationToken) =>
        OpenAsync(database, JournalOwner.ForThisProcess(), cancellationToken);

    /// <summary>Opens <paramref name="database"/> as <paramref name="owner"/> (a worker), bringing its schema up to date.</summary>
    public static async Task<JournalStore> OpenAsync(JournalDatabase database, JournalOwner owner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(database);
        try
        {
            await Schema.SchemaMigrator.MigrateAsync(database, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (database.IsDatabaseError(ex))
        {
            await database.DisposeAsync().ConfigureAwait(false);
            throw new RunbooksException(
                $"cannot open the {database.Provider} journal at {database.Location}: {ex.Message}; check the Runbooks:Storage settings in appsettings.json", ex);
        }
        return new JournalStore(database, owner);
    }

    /// <summary>Runs, newest first.</summary>
    public Task<IReadOnlyList<StoredRun>> ListRunsAsync(RunQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var where = new List<string>();
        var parameters = new List<(string, object?)> { ("limit", Math.Clamp(query.Limit, 1, 1000)) };
        if (!query.IncludeChildren)
        {
            where.Add("parent_run_id IS NULL");
        }
        if (query.Runbook is not null)
        {
            where.Add("runbook = @runbook");
            parameters.Add(("runbook", query.Runbook));
        }
        if (query.Status is not null)
        {
            where.Add("status = @status");
            parameters.Add(("status", query.Status));
        }
        if (query.Trigger is not null)
        {
            // "alert" is a kind (alert:<anything>); "cli:alice" an exact trigger. Escape LIKE's wildcards in what was given.
            where.Add("(trigger = @trigger OR trigger LIKE @triggerKind ESCAPE '!')");
            parameters.Add(("trigger", query.Trigger));
            parameters.Add(("triggerKind", query.Trigger.Replace("!", "!!", StringComparison.Ordinal).Replace("%", "!%", StringComparison.Ordinal).Replace("_", "!_", StringComparison.Ordinal) + ":%"));
        }
        var filter = where.Count == 0 ? "" : " WHERE " + string.Join(" AND ", where);
        return ReadAsync(
            $"SELECT {RunColumns} FROM runs{filter} ORDER BY started_at DESC, run_id LIMIT @limit",
            [.. parameters], ReadRun, "list runs", cancellationToken);
    }

    /// <summary>
    /// How many runs there are by runbook, status and trigger kind (the part of the trigger before the first ':', so
    /// <c>cli:alice</c> counts as <c>cli</c>), and how many wait per queue. Sub-runbook runs are not counted.
    /// </summary>
    public async Task<RunCounts> CountRunsAsync(CancellationToken cancellationToken)
    {
        var rows = await ReadAsync("SELECT runbook, status, trigger, COUNT(*) FROM runs WHERE parent_run_id IS NULL GROUP BY runbook, status, trigger", [],
            r => (Runbook: r.GetString(0), Status: r.GetString(1), Trigger: r.GetString(2), Count: Convert.ToInt64(r.GetValue(3), System.Globalization.CultureInfo.InvariantCulture)),
            "count runs", cancellationToken).ConfigureAwait(false);
        var runs = new Dictionary<(string, string, string), long>();
        foreach (var row in rows)
        {
            var kind = row.Trigger.Split(':', 2)[0];
            var key = (row.Runbook, row.Status, kind);
            runs[key] = runs.GetValueOrDefault(key) + row.Count;
        }
        var queued = await ReadAsync("SELECT COALESCE(queue, 'default'), COUNT(*) FROM runs WHERE status = 'queued' GROUP BY COALESCE(queue, 'default')", [],
            r => (Queue: r.GetString(0), Count: Convert.ToInt64(r.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)), "count queued runs", cancellationToken).ConfigureAwait(false);
        return new RunCounts(runs, queued.ToDictionary(q => q.Queue, q => q.Count, StringComparer.Ordinal));
    }

    /// <summary>Step attempts that ended after <paramref name="after"/>, oldest first, at most <paramref name="limit"/> (for metrics).</summary>
    public Task<IReadOnlyList<StepDuration>> StepDurationsAsync(DateTimeOffset after, int limit, CancellationToken cancellationToken) =>
        ReadAsync(
            """
            SELECT r.runbook, a.action, a.status, a.started_at, a.ended_at FROM step_attempts a JOIN runs r ON r.run_id = a.run_id
            WHERE a.ended_at IS NOT NULL AND a.ended_at > @after ORDER BY a.ended_at LIMIT @limit
            """,
            [("after", after), ("limit", limit)],
            r => new StepDuration(r.GetString(0), r.GetString(1), r.GetString(2), Math.Max(0, (Sql.Instant(r, 4) - Sql.Instant(r, 3)).TotalSeconds), Sql.Instant(r, 4)),
            "read step durations", cancellationToken);

    /// <summary>A run's full record, or null when there is no run with that id.</summary>
    public async Task<RunDocument?> GetRunAsync(string runId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runId);
        var runs = await ReadAsync($"SELECT {RunColumns} FROM runs WHERE run_id = @id", [("id", runId)], ReadRun, $"read run {runId}", cancellationToken).ConfigureAwait(false);
        if (runs.Count == 0)
        {
            return null;
        }
        var attempts = await ReadAsync(
            """
            SELECT step_path, step_id, target, attempt, action, idempotent, description, fencing_token, status, started_at, ended_at, exit_code, stdout, stderr, error, outputs, changed
            FROM step_attempts WHERE run_id = @id ORDER BY fencing_token
            """, [("id", runId)], ReadAttempt, $"read the steps of run {runId}", cancellationToken).ConfigureAwait(false);
        var skips = await ReadAsync(
            "SELECT step_path, target, reason, at FROM step_skips WHERE run_id = @id ORDER BY at, step_path, target",
            [("id", runId)], r => new StoredSkip(r.GetString(0), r.GetString(1), r.GetString(2), Sql.Instant(r, 3)), $"read the skips of run {runId}", cancellationToken).ConfigureAwait(false);
        var events = await ReadAsync(
            "SELECT seq, at, kind, step_path, target, status, reason FROM run_events WHERE run_id = @id ORDER BY seq",
            [("id", runId)], r => new RunEvent(r.GetInt64(0), Sql.Instant(r, 1), r.GetString(2), Sql.NullableString(r, 3), Sql.NullableString(r, 4), Sql.NullableString(r, 5), Sql.NullableString(r, 6)),
            $"read the events of run {runId}", cancellationToken).ConfigureAwait(false);
        var children = await ReadAsync(
            "SELECT run_id FROM runs WHERE parent_run_id = @id ORDER BY started_at, run_id",
            [("id", runId)], r => r.GetString(0), $"read the sub-runs of run {runId}", cancellationToken).ConfigureAwait(false);
        var gates = await Approvals.ListAsync(runId, cancellationToken).ConfigureAwait(false);
        return new RunDocument
        {
            Run = runs[0], Attempts = attempts, Skips = skips, Events = events, ChildRunIds = children,
            Approvals = [.. gates.Select(g => new StoredGate(g.Gate, g.Decisions))],
        };
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // Queued journal changes are written before the database closes.
        await Journal.DisposeAsync().ConfigureAwait(false);
        await _database.DisposeAsync().ConfigureAwait(false);
    }

    private static StoredRun ReadRun(DbDataReader r) => new()
    {
        RunId = r.GetString(0),
        ParentRunId = Sql.NullableString(r, 1),
        Runbook = r.GetString(2),
        ContentHash = r.GetString(3),
        Trigger = r.GetString(4),
        Parameters = JsonValues.ReadMap(r.GetString(5)),
        Targets = (JsonValues.Read(r.GetString(6)) as IEnumerable<object?> ?? []).Select(t => t?.ToString() ?? "").ToList(),
        DryRun = r.GetBoolean(7),
        Status = r.GetString(8),
        StartedAt = Sql.Instant(r, 9),
        EndedAt = Sql.NullableInstant(r, 10),
        Error = Sql.NullableString(r, 11),
        Outputs = JsonValues.ReadMap(Sql.NullableString(r, 12)),
        StatusReason = Sql.NullableString(r, 13),
        Owner = Sql.NullableString(r, 14),
        WakeAt = Sql.NullableInstant(r, 15),
    };

    private static StoredAttempt ReadAttempt(DbDataReader r) => new()
    {
        StepPath = r.GetString(0),
        StepId = r.GetString(1),
        Target = r.GetString(2),
        Attempt = r.GetInt32(3),
        Action = r.GetString(4),
        Idempotent = r.GetBoolean(5),
        Description = Sql.NullableString(r, 6),
        FencingToken = r.GetInt64(7),
        Status = r.GetString(8),
        StartedAt = Sql.Instant(r, 9),
        EndedAt = Sql.NullableInstant(r, 10),
        ExitCode = r.IsDBNull(11) ? null : r.GetInt32(11),
        Stdout = Sql.NullableString(r, 12),
        Stderr = Sql.NullableString(r, 13),
        Error = Sql.NullableString(r, 14),
        Outputs = JsonValues.ReadMap(Sql.NullableString(r, 15)),
        Changed = r.GetBoolean(16),
    };

    private async Task<IReadOnlyList<T>> ReadAsync<T>(string sql, (string, object?)[] parameters, Func<DbDataReader, T> read, string what, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var command = Sql.Command(connection, null, sql, parameters);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var rows = new List<T>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(read(reader));
            }
            return rows;
        }
        catch (Exception ex) when (_database.IsDatabaseError(ex))
        {
            throw new RunbooksException($"cannot {what} from the {_database.Provider} journal at {_database.Location}: {ex.Message}", ex);
        }
    }
}
