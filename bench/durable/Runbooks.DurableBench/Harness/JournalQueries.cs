using Npgsql;

namespace Runbooks.DurableBench.Harness;

/// <summary>What the benchmark reads back from a PostgreSQL journal schema: the database's own timestamps.</summary>
internal sealed class JournalQueries(string connectionString, string schema)
{
    /// <summary>Waits until <paramref name="count"/> runs have ended; fails if any did not succeed.</summary>
    public async Task WaitForEndedAsync(int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var (ended, failed) = await ScalarPairAsync($"SELECT count(*) FILTER (WHERE ended_at IS NOT NULL), count(*) FILTER (WHERE ended_at IS NOT NULL AND status <> 'succeeded') FROM {schema}.runs").ConfigureAwait(false);
            if (failed > 0)
            {
                throw new InvalidOperationException($"{failed} run(s) in {schema} did not succeed: {await FirstErrorAsync().ConfigureAwait(false)}");
            }
            if (ended >= count)
            {
                return;
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"only {ended} of {count} runs in {schema} ended within {timeout}");
            }
            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    /// <summary>Waits until <paramref name="count"/> jobs in a Hangfire schema have succeeded.</summary>
    public static async Task WaitForHangfireSucceededAsync(string connectionString, string hangfireSchema, int count, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            await using (var connection = new NpgsqlConnection(connectionString))
            {
                await connection.OpenAsync().ConfigureAwait(false);
                await using var command = new NpgsqlCommand($"SELECT count(*) FROM {hangfireSchema}.job WHERE statename = 'Succeeded'", connection);
                if ((long)(await command.ExecuteScalarAsync().ConfigureAwait(false))! >= count)
                {
                    return;
                }
            }
            if (DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"fewer than {count} jobs in {hangfireSchema} succeeded within {timeout}");
            }
            await Task.Delay(100).ConfigureAwait(false);
        }
    }

    /// <summary>Per run: its first step attempt's start minus its queued time, in milliseconds.</summary>
    /// <summary>Leaves out the first <paramref name="skip"/> runs queued (warm-up).</summary>
    public Task<List<double>> StartLatenciesAsync(int skip) => DoublesAsync(
        $"SELECT EXTRACT(EPOCH FROM (min(a.started_at) - r.started_at)) * 1000 FROM {schema}.runs r JOIN {schema}.step_attempts a ON a.run_id = r.run_id GROUP BY r.run_id, r.started_at ORDER BY r.started_at OFFSET {skip}");

    /// <summary>
    /// Per run (queued order, the first <paramref name="skip"/> left out), where its enqueue -> start time went, in
    /// milliseconds, from what the journal and Hangfire recorded: queued -> job created (the enqueuer), job created ->
    /// Processing (Hangfire's fetch and state change), Processing -> run resumed (the job's claim and load), resumed ->
    /// first step start (the resume's write and the engine).
    /// </summary>
    public async Task<List<double[]>> StartPhasesAsync(string hangfireSchema, int skip)
    {
        var sql =
            $"""
            WITH jobs AS (
                SELECT j.id, (j.arguments::json->>0)::json#>>'{"{}"}' AS run_id, j.createdat AT TIME ZONE 'UTC' AS created,
                       (SELECT min(s.createdat) FROM {hangfireSchema}.state s WHERE s.jobid = j.id AND s.name = 'Processing') AT TIME ZONE 'UTC' AS processing
                FROM {hangfireSchema}.job j)
            SELECT EXTRACT(EPOCH FROM (j.created - r.started_at)) * 1000,
                   EXTRACT(EPOCH FROM (j.processing - j.created)) * 1000,
                   EXTRACT(EPOCH FROM (e.at - j.processing)) * 1000,
                   EXTRACT(EPOCH FROM ((SELECT min(a.started_at) FROM {schema}.step_attempts a WHERE a.run_id = r.run_id) - e.at)) * 1000,
                   EXTRACT(EPOCH FROM (r.started_at - min(r.started_at) OVER ())) * 1000,
                   EXTRACT(EPOCH FROM r.started_at) * 1000
            FROM {schema}.runs r
            JOIN jobs j ON j.run_id = r.run_id
            JOIN LATERAL (SELECT min(at) AS at FROM {schema}.run_events WHERE run_id = r.run_id AND kind = 'run.resumed') e ON true
            ORDER BY r.started_at OFFSET {skip}
            """;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        var rows = new List<double[]>();
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            rows.Add([.. Enumerable.Range(0, 6).Select(i => reader.IsDBNull(i) ? double.NaN : Convert.ToDouble(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))]);
        }
        return rows;
    }

    /// <summary>Seconds from the first step start (any run) to the last run's end.</summary>
    public async Task<double> SecondsFromFirstStepToLastEndAsync() => (await DoublesAsync(
        $"SELECT EXTRACT(EPOCH FROM ((SELECT max(ended_at) FROM {schema}.runs) - (SELECT min(started_at) FROM {schema}.step_attempts)))").ConfigureAwait(false))[0];

    /// <summary>Every run's end, in seconds since the epoch, earliest first.</summary>
    public Task<List<double>> EndsAsync() => DoublesAsync($"SELECT EXTRACT(EPOCH FROM ended_at) FROM {schema}.runs WHERE ended_at IS NOT NULL ORDER BY ended_at");

    /// <summary>Seconds from the first run queued to the last run's end.</summary>
    public async Task<double> SecondsFromFirstQueuedToLastEndAsync() => (await DoublesAsync(
        $"SELECT EXTRACT(EPOCH FROM (max(ended_at) - min(started_at))) FROM {schema}.runs").ConfigureAwait(false))[0];

    /// <summary>The last run's end (UTC).</summary>
    public async Task<DateTime> LastEndAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"SELECT max(ended_at) FROM {schema}.runs", connection);
        return (DateTime)(await command.ExecuteScalarAsync().ConfigureAwait(false))!;
    }

    private async Task<string> FirstErrorAsync()
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand($"SELECT coalesce(error, status) FROM {schema}.runs WHERE ended_at IS NOT NULL AND status <> 'succeeded' LIMIT 1", connection);
        return (await command.ExecuteScalarAsync().ConfigureAwait(false))?.ToString() ?? "";
    }

    private async Task<(long, long)> ScalarPairAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        await reader.ReadAsync().ConfigureAwait(false);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }

    private async Task<List<double>> DoublesAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync().ConfigureAwait(false);
        var values = new List<double>();
        while (await reader.ReadAsync().ConfigureAwait(false))
        {
            values.Add(Convert.ToDouble(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture));
        }
        return values;
    }
}
