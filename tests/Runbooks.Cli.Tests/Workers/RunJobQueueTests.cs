using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Server;
using Hangfire.States;
using Npgsql;
using Runbooks.Server;
using Runbooks.Server.PostgreSqlQueue;
using Runbooks.Testing.PostgreSql;
using Serilog;

namespace Runbooks.Cli.Tests.Workers;

/// <summary>
/// Runbooks' fetch from Hangfire.PostgreSql's queue (<see cref="RunJobQueue"/>): a waiting worker wakes on the
/// <c>NOTIFY</c> of a job queued by another process, polls when nobody listens, and the listening connection goes away
/// with the worker. The idle poll is set to an hour, so only a notification (or the deaf poll) can find a job in time.
/// </summary>
[Collection(WorkerTestGroup.Name)]
public sealed class RunJobQueueTests : IClassFixture<PostgreSqlServerFixture>
{
    private static readonly TimeSpan IdlePoll = TimeSpan.FromHours(1);
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private static readonly string[] Queues = RunQueues.HangfireQueues(RunQueues.All);

    private readonly PostgreSqlServerFixture _database;
    private readonly string _connectionString;
    private readonly WorkerOptions _options;

    public RunJobQueueTests(PostgreSqlServerFixture database)
    {
        _database = database;
        // A name of its own, so pg_stat_activity shows this class's listener and nobody else's.
        _connectionString = new NpgsqlConnectionStringBuilder(database.ConnectionString) { ApplicationName = "queue-" + Guid.NewGuid().ToString("N")[..12] }.ConnectionString;
        _options = new WorkerOptions { HangfireSchema = database.NewSchemaName("queue") };
    }

    private PostgreSqlStorage Storage() => (PostgreSqlStorage)HangfireStorageFactory.Create("postgresql", _connectionString, _options, IdlePoll);

    private static JobNotifications NotificationsOf(PostgreSqlStorage storage) => storage.QueueProviders.OfType<RunJobQueueProvider>().Single().Notifications;

    /// <summary>Runs the listener as a worker process does, until disposed.</summary>
    private static BackgroundProcessingServer Listen(PostgreSqlStorage storage) =>
        new(storage, RunJobQueueProvider.ListenerFor(storage, new LoggerConfiguration().CreateLogger()), new Dictionary<string, object>());

    /// <summary>Runs the listener as a worker process does, until disposed, once it listens.</summary>
    private static async Task<BackgroundProcessingServer> ListeningAsync(PostgreSqlStorage storage)
    {
        var listener = Listen(storage);
        await UntilAsync(() => NotificationsOf(storage).Listening, "the listener connected");
        return listener;
    }

    /// <summary>A fetch on an empty queue, checked to be waiting.</summary>
    private static async Task<Task<Hangfire.Storage.IFetchedJob>> WaitingFetchAsync(Hangfire.Storage.IStorageConnection connection)
    {
        var fetch = Task.Run(() => connection.FetchNextJob(Queues, CancellationToken.None));
        await Task.Delay(500);
        Assert.False(fetch.IsCompleted, "the queue was empty, yet a job was fetched");
        return fetch;
    }

    /// <summary>Queues a job the way another process would: its own storage, its own connections.</summary>
    private string QueueFromAnotherProcess(string queue)
    {
        var client = new BackgroundJobClient(Storage());
        return client.Create(() => Console.WriteLine("queued by the test"), new EnqueuedState(queue));
    }

    private static async Task UntilAsync(Func<bool> condition, string what)
    {
        var giveUp = DateTime.UtcNow + Deadline;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < giveUp, $"not within {Deadline}: {what}");
            await Task.Delay(50);
        }
    }

    /// <summary>Queues a job on <paramref name="queue"/> from another process; the waiting <paramref name="fetch"/> must return it.</summary>
    private async Task AssertFetchesJobQueuedNowAsync(Task<Hangfire.Storage.IFetchedJob> fetch, string queue, string otherwise)
    {
        var jobId = QueueFromAnotherProcess(queue);
        var finished = await Task.WhenAny(fetch, Task.Delay(Deadline));
        Assert.True(finished == fetch, otherwise);
        using var fetched = await fetch;
        Assert.Equal(jobId, fetched.JobId);
        fetched.RemoveFromQueue();
    }

    private async Task<int> ListeningConnectionsAsync()
    {
        var name = new NpgsqlConnectionStringBuilder(_connectionString).ApplicationName;
        await using var connection = new NpgsqlConnection(_database.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE application_name = @name AND query = 'LISTEN new_job'", connection);
        command.Parameters.AddWithValue("name", name!);
        return Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task FetchNextJob_JobQueuedElsewhereWhileWaiting_WakesOnItsNotification()
    {
        // A fresh schema: the storage creates Hangfire's tables, and the queue is empty.
        var storage = Storage();
        using var listener = await ListeningAsync(storage);

        using var connection = storage.GetConnection();
        var fetch = await WaitingFetchAsync(connection);

        await AssertFetchesJobQueuedNowAsync(fetch, "1-remediation", $"the waiting fetch did not wake within {Deadline} of the job's NOTIFY (idle poll {IdlePoll})");
    }

    [Fact]
    public async Task FetchNextJob_NobodyListening_FindsTheJobByPolling()
    {
        var storage = Storage();
        using var connection = storage.GetConnection();
        Assert.False(NotificationsOf(storage).Listening);

        var fetch = Task.Run(() => connection.FetchNextJob(Queues, CancellationToken.None));
        await Task.Delay(200);
        await AssertFetchesJobQueuedNowAsync(fetch, "3-maintenance", $"with no listener the fetch should poll every {RunJobQueue.PollWhileDeaf}; it found nothing within {Deadline}");
    }

    [Fact]
    public async Task FetchNextJob_Cancelled_StopsWaiting()
    {
        // Listening, so the fetch waits the hour-long idle poll: only the cancellation can end it.
        var storage = Storage();
        using var listener = await ListeningAsync(storage);
        using var connection = storage.GetConnection();

        using var stop = new CancellationTokenSource();
        var fetch = Task.Run(() => connection.FetchNextJob(Queues, stop.Token));
        await Task.Delay(200);
        await stop.CancelAsync();
        var finished = await Task.WhenAny(fetch, Task.Delay(Deadline));
        Assert.True(finished == fetch, "a cancelled fetch kept waiting");
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => fetch);
    }

    [Fact]
    public async Task Listener_DatabaseRestarted_ReconnectsAndWakesWaitersAgain()
    {
        var storage = Storage();
        using var listener = await ListeningAsync(storage);

        _database.Stop();
        try
        {
            await UntilAsync(() => !NotificationsOf(storage).Listening, "the listener noticed the database went away");
        }
        finally
        {
            _database.Start();
        }
        await UntilAsync(() => NotificationsOf(storage).Listening, "the listener reconnected");
        // Pooled connections from before the restart are dead: the fetch would fail once on one of them.
        NpgsqlConnection.ClearAllPools();

        using var connection = storage.GetConnection();
        var fetch = await WaitingFetchAsync(connection);
        await AssertFetchesJobQueuedNowAsync(fetch, "2-default", $"after the restart the waiting fetch did not wake within {Deadline} of the job's NOTIFY");
    }

    [Fact]
    public async Task Listener_ServerStopped_ClosesItsListeningConnection()
    {
        var storage = Storage();
        using (await ListeningAsync(storage))
        {
            Assert.Equal(1, await ListeningConnectionsAsync());
        }
        Assert.False(NotificationsOf(storage).Listening);
        var giveUp = DateTime.UtcNow + Deadline;
        while (await ListeningConnectionsAsync() != 0)
        {
            Assert.True(DateTime.UtcNow < giveUp, "the listening connection outlived its server");
            await Task.Delay(50);
        }
    }

    [Fact]
    public void Queues_JobWaiting_ListedOnceOnTheDashboard()
    {
        var storage = Storage();
        QueueFromAnotherProcess("2-default");
        var queues = storage.GetMonitoringApi().Queues();
        var listed = Assert.Single(queues, queue => queue.Name == "2-default");
        Assert.Equal(1, listed.Length);
    }
}
