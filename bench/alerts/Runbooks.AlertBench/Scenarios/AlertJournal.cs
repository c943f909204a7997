using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Runbooks.AlertBench.Scenarios;

/// <summary>
/// Reads a server's journal back (the same SQL on SQLite and PostgreSQL): the timestamps of each alert's run, and
/// whether the runs have started or ended — polled from this process, so the server under test does nothing extra.
/// </summary>
internal sealed class AlertJournal(Func<DbConnection> open)
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
        new(() => new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { SearchPath = schema, MaxPoolSize = 4 }.ToString()));

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
                throw new InvalidOperationException($"fewer than {count} runs had started a step within {startTimeout}");
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
