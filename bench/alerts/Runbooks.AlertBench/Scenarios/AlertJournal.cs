using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Runbooks.AlertBench.Scenarios;

/// <summary>
/// Reads a server's journal back (the same SQL on SQLite and PostgreSQL): the timestamps of each alert's run, and
/// whether the runs have started or ended — polled from this process, so the server under test does nothing extra.
/// </summary>
internal sealed class AlertJournal(Func<DbConnection> open, string? hangfireSchema = null)
{
    private const string TimesSql =
        """
        SELECT a.fingerprint, a.received_at,
               (SELECT min(e.at) FROM run_events e WHERE e.run_id = r.run_id AND e.kind = 'run.resumed'),
               (SELECT min(s.started_at) FROM step_attempts s WHERE s.run_id = r.run_id),
               r.ended_at, r.status
        FROM alerts a
        JOIN alert_decisions d ON d.alert_seq = a.seq AND d.kind = 'started'
        JOIN runs r ON r.run_id = d.run_id
        """;

    public static AlertJournal Sqlite(string path) =>
        new(() => new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString()));

    public static AlertJournal Postgres(string connectionString, string schema) =>
        new(() => new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = schema, MaxPoolSize = 4 }.ToString()), $"{schema}_hangfire");

    /// <summary>Waits until run <paramref name="runId"/> has ended; fails if it did not succeed.</summary>
    public async Task WaitForEndAsync(string runId, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var (status, ended, error) = await RunStateAsync(runId).ConfigureAwait(false);
            if (ended)
            {
                if (status != "succeeded")
                {
                    throw new InvalidOperationException($"run {runId} ended {status}: {error}");
                }
                return;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"run {runId} did not end within {timeout} (status {status ?? "not in the journal"})");
            }
            await Task.Delay(10).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until <paramref name="count"/> runs in the journal have a started step and then until they have all ended; fails on any run that did not succeed.</summary>
    public async Task WaitForRunsAsync(int count, TimeSpan startTimeout, TimeSpan endTimeout)
    {
        var startDeadline = DateTime.UtcNow + startTimeout;
        while (await ScalarAsync("SELECT count(*) FROM runs r WHERE EXISTS (SELECT 1 FROM step_attempts s WHERE s.run_id = r.run_id)").ConfigureAwait(false) < count)
        {
            if (DateTime.UtcNow > startDeadline)
            {
                throw new InvalidOperationException($"fewer than {count} runs had started a step within {startTimeout}; the runs without a step, by status: {await NotStartedAsync().ConfigureAwait(false)}");
            }
            await Task.Delay(100).ConfigureAwait(false);
        }
        var endDeadline = DateTime.UtcNow + endTimeout;
        while (await ScalarAsync("SELECT count(*) FROM runs WHERE ended_at IS NOT NULL").ConfigureAwait(false) < count)
        {
            if (DateTime.UtcNow > endDeadline)
            {
                throw new InvalidOperationException($"fewer than {count} runs had ended within {endTimeout}");
            }
            await Task.Delay(100).ConfigureAwait(false);
        }
        if (await ScalarAsync("SELECT count(*) FROM runs WHERE ended_at IS NOT NULL AND status <> 'succeeded'").ConfigureAwait(false) is > 0 and var failed)
        {
            throw new InvalidOperationException($"{failed} run(s) did not succeed");
        }
    }

    /// <summary>How many runs have no step attempt yet, per status (<c>queued: 12, running: 1</c>): where a stuck storm stopped.</summary>
    private async Task<string> NotStartedAsync()
    {
        await using var connection = open();
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT status, count(*) FROM runs r WHERE NOT EXISTS (SELECT 1 FROM step_attempts s WHERE s.run_id = r.run_id) GROUP BY status ORDER BY status";
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        var parts = new List<string>();
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"{reader.GetString(0)}: {Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture)}"));
        }
        return (parts.Count == 0 ? "none" : string.Join(", ", parts)) + await StuckRunsAsync(connection).ConfigureAwait(false);
    }

    /// <summary>
    /// For the first few runs without a step: their journal events and, on PostgreSQL, their Hangfire jobs' states and
    /// queue rows — whether a job was created, fetched, performed, and what it did.
    /// </summary>
    private async Task<string> StuckRunsAsync(DbConnection connection)
    {
        var stuck = new List<string>();
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT run_id FROM runs r WHERE NOT EXISTS (SELECT 1 FROM step_attempts s WHERE s.run_id = r.run_id) ORDER BY started_at LIMIT 3";
            await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
            while (await reader.ReadAsync().ConfigureAwait(false))
            {
                stuck.Add(reader.GetString(0));
            }
        }
        var text = new System.Text.StringBuilder();
        foreach (var runId in stuck)
        {
            text.Append(CultureInfo.InvariantCulture, $"\n    run {runId}: events {await JoinedAsync(connection, "SELECT kind || ' ' || CAST(at AS text) FROM run_events WHERE run_id = @run ORDER BY at", runId).ConfigureAwait(false)}");
            if (hangfireSchema is not null)
            {
                text.Append(CultureInfo.InvariantCulture, $"; Hangfire jobs {await JoinedAsync(connection, $"""
                    SELECT 'job ' || j.id || ' ' || coalesce(j.statename, '(no state)') || ' [' ||
                           coalesce((SELECT string_agg(s.name || ' ' || to_char(s.createdat, 'HH24:MI:SS.MS') || coalesce(' (' || s.reason || ')', ''), ', ' ORDER BY s.id)
                                     FROM "{hangfireSchema}".state s WHERE s.jobid = j.id), '') || '] queue rows: ' ||
                           (SELECT count(*) FROM "{hangfireSchema}".jobqueue q WHERE q.jobid = j.id) ||
                           coalesce(' fetched ' || (SELECT max(CAST(q.fetchedat AS text)) FROM "{hangfireSchema}".jobqueue q WHERE q.jobid = j.id), '')
                    FROM "{hangfireSchema}".job j WHERE j.arguments LIKE '%' || @run || '%'
                    """, runId).ConfigureAwait(false)}");
            }
        }
        return text.ToString();
    }

    private static async Task<string> JoinedAsync(DbConnection connection, string sql, string runId)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var run = command.CreateParameter();
        run.ParameterName = "run";
        run.Value = runId;
        command.Parameters.Add(run);
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            rows.Add(reader.IsDBNull(0) ? "?" : reader.GetString(0));
        }
        return rows.Count == 0 ? "none" : string.Join("; ", rows);
    }

    /// <summary>The journal's times of every alert that started a run, by fingerprint.</summary>
    public async Task<Dictionary<string, JournalTimes>> TimesAsync()
    {
        await using var connection = open();
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = TimesSql;
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        var times = new Dictionary<string, JournalTimes>(StringComparer.Ordinal);
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            var row = new JournalTimes(reader.GetString(0), Instant(reader.GetValue(1))!.Value, Instant(reader.GetValue(2)), Instant(reader.GetValue(3)),
                Instant(reader.GetValue(4)), reader.GetString(5));
            times[row.Fingerprint] = row;
        }
        return times;
    }

    /// <summary>SQLite keeps instants as UTC text, PostgreSQL as timestamptz (a UTC DateTime from Npgsql).</summary>
    private static DateTimeOffset? Instant(object value) => value switch
    {
        DBNull => null,
        DateTime at => new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)),
        DateTimeOffset at => at,
        string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        _ => throw new InvalidOperationException($"the journal returned {value.GetType().Name} where an instant was expected"),
    };

    private async Task<(string? Status, bool Ended, string Error)> RunStateAsync(string runId)
    {
        await using var connection = open();
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT status, ended_at, error FROM runs WHERE run_id = @id";
        var id = command.CreateParameter();
        id.ParameterName = "id";
        id.Value = runId;
        command.Parameters.Add(id);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        return await reader.ReadAsync().ConfigureAwait(false)
            ? (reader.GetString(0), !reader.IsDBNull(1), reader.IsDBNull(2) ? "" : reader.GetString(2))
            : (null, false, "");
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = open();
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(await command.ExecuteScalarAsync().ConfigureAwait(false), CultureInfo.InvariantCulture);
    }
}
