using System.Data;
using System.Globalization;
using Hangfire.PostgreSql;
using Hangfire.Storage;
using Npgsql;

namespace Runbooks.Server.PostgreSqlQueue;

/// <summary>
/// Hangfire.PostgreSql's job queue, fetched the same way (same table, same order, same invisibility), with one fix and
/// two round trips fewer per job.
/// <para>
/// The fix: with long polling, Hangfire.PostgreSql opens a LISTEN connection for every fetch and cancels its wait as soon
/// as the fetch finds a job, then blocks until the wait has ended. Npgsql 10 can lose that cancellation when it lands
/// just before the wait reads from the socket (<c>NpgsqlConnector.Wait</c> checks the token, then a reset of the read's
/// token source drops the cancel), and the wait then ends only at the next <c>NOTIFY</c> from anywhere: the worker sits
/// on a job it fetched — invisible to every other worker — until something else is queued. In bench/durable on a busy 2-core
/// machine that was about one 1,000-job drain in five: one run started 5–20 s late, when the recovery sweep queued it
/// again (its NOTIFY freed the stuck wait), and one of the 8 workers was stuck until then. Here the process has
/// one listening connection (<see cref="JobNotificationListener"/>), waits are timed by the socket, and a fetch never
/// waits for a listener.
/// </para>
/// <para>
/// Fewer round trips: the fetch is one statement, without <c>BEGIN</c>/<c>COMMIT</c> around it (a single statement is
/// its own transaction), and no <c>LISTEN</c> per fetch; a job is queued with its <c>INSERT</c> and <c>NOTIFY</c> in one
/// command.
/// </para>
/// </summary>
internal sealed class RunJobQueue(PostgreSqlStorage storage, PostgreSqlStorageOptions options, string fetchConnectionString, JobNotifications notifications) : IPersistentJobQueue
{
    /// <summary>How often a worker looks for a job while no connection listens for notifications.</summary>
    public static readonly TimeSpan PollWhileDeaf = TimeSpan.FromSeconds(1);

    private readonly string _fetchSql = FetchSql(options);
    private readonly string _enqueueSql = $"INSERT INTO \"{options.SchemaName}\".\"jobqueue\" (\"jobid\", \"queue\") VALUES (@jobId, @queue); NOTIFY new_job";

    public IFetchedJob Dequeue(string[] queues, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(queues);
        if (queues.Length == 0)
        {
            throw new ArgumentException("A worker fetches from at least one queue.", nameof(queues));
        }
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Noted before the look: a job queued after it bumps the count, and the wait below returns at once.
            var seen = notifications.Heard;
            var fetched = TryFetch(queues);
            if (fetched is not null)
            {
                return fetched;
            }
            notifications.WaitForNewer(seen, notifications.Listening ? options.QueuePollInterval : Min(options.QueuePollInterval, PollWhileDeaf), cancellationToken);
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    public void Enqueue(IDbConnection connection, string queue, string jobId)
    {
        ArgumentNullException.ThrowIfNull(connection);
        // Called inside the transaction that creates the job, on its connection: the NOTIFY is sent when it commits.
        using var command = connection.CreateCommand();
        command.CommandText = _enqueueSql;
        AddParameter(command, "jobId", long.Parse(jobId, CultureInfo.InvariantCulture));
        AddParameter(command, "queue", queue);
        command.ExecuteNonQuery();
    }

    private PostgreSqlFetchedJob? TryFetch(string[] queues)
    {
        using var connection = new NpgsqlConnection(fetchConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(_fetchSql, connection);
        command.Parameters.AddWithValue("queues", queues);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }
        // The fetched job's keep-alive, removal and requeue are Hangfire.PostgreSql's own: it is its queue row.
        return new PostgreSqlFetchedJob(storage, reader.GetInt64(0), reader.GetInt64(1).ToString(CultureInfo.InvariantCulture), reader.GetString(2),
            reader.GetFieldValue<DateTime>(3));
    }

    private static void AddParameter(IDbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    // Hangfire.PostgreSql 1.21's fetch (PostgreSqlJobQueue.Dequeue_Transaction), statement for statement: the oldest
    // never-fetched job first, then one whose fetch is older than the invisibility timeout; queues in name order.
    private static string FetchSql(PostgreSqlStorageOptions options)
    {
        var schema = options.SchemaName;
        var invisible = ((long)options.InvisibilityTimeout.TotalSeconds).ToString(CultureInfo.InvariantCulture);
        return $"""
            UPDATE "{schema}"."jobqueue" SET "fetchedat" = NOW()
            WHERE "id" = (
              SELECT "id" FROM "{schema}"."jobqueue"
              WHERE "queue" = ANY (@queues) AND ("fetchedat" IS NULL OR "fetchedat" < NOW() - INTERVAL '{invisible} SECONDS')
              ORDER BY "fetchedat" NULLS FIRST, "queue", "jobid"
              FOR UPDATE SKIP LOCKED
              LIMIT 1)
            RETURNING "id", "jobid", "queue", "fetchedat"
            """;
    }
}
