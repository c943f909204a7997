using Hangfire;
using Hangfire.Server;
using Runbooks.Core.Engine;
using Runbooks.Core.Scheduling;
using Runbooks.Core.Validation;
using Runbooks.Storage;
using Serilog;

namespace Runbooks.Server;

/// <summary>
/// One <c>runbooks serve</c> process: Hangfire workers taking run jobs from the queues (remediation first), the
/// recurring jobs of the runbooks' schedules (kept in line with <c>workflows/</c>), and the recovery sweep. Any number
/// of them on one PostgreSQL share the work. <see cref="StopAsync"/> drains: no new step starts, steps already running
/// get <see cref="WorkerOptions.ShutdownTimeout"/> to finish, runs with steps left are handed back.
/// </summary>
public sealed class RunWorker : IAsyncDisposable
{
    private readonly WorkerServices _services;
    private readonly BackgroundJobServer _server;
    private readonly RecoverySweep _sweep;
    private readonly ScheduleRegistrar _schedules;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _scheduleLoop;

    private RunWorker(WorkerServices services, JobStorage storage, ScheduleRegistrar schedules, MaintenanceCalendar calendar)
    {
        _services = services;
        _schedules = schedules;
        var scheduleJob = new ScheduleJob(services, () => schedules.Current, new ScheduleGate(calendar));
        _server = new BackgroundJobServer(new BackgroundJobServerOptions
        {
            ServerName = services.WorkerName,
            WorkerCount = services.Options.WorkerCount,
            Queues = RunQueues.HangfireQueues(services.Options.Queues),
            ShutdownTimeout = services.Options.ShutdownTimeout,
            Activator = new WorkerJobActivator(services, scheduleJob),
            // Recurring jobs are checked every few seconds (Hangfire's default is 15 s), so a schedule fires on time.
            SchedulePollingInterval = TimeSpan.FromSeconds(1),
        }, storage, PostgreSqlQueue.RunJobQueueProvider.ListenerFor(storage, services.Log));
        _sweep = new RecoverySweep(services);
        _scheduleLoop = Task.Run(ScheduleLoopAsync);
    }

    /// <summary>The worker's unique name (journal owner, lock holder, Hangfire server name).</summary>
    public string Name => _services.WorkerName;

    /// <summary>Puts runs in this worker's queues.</summary>
    public RunSubmitter Submitter => _services.Submitter;

    /// <summary>The schedules registered now.</summary>
    public ScheduleCatalog Schedules => _schedules.Current;

    /// <summary>Starts a worker: registers the schedules, recovers what earlier processes left, then takes jobs.</summary>
    public static RunWorker Start(WorkerSetup setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        GlobalConfiguration.Configuration.UseLogProvider(new HangfireLogBridge(setup.Log));
        var client = new BackgroundJobClient(setup.HangfireStorage);
        var services = new WorkerServices
        {
            Store = setup.Store, Loader = setup.Loader, Engine = setup.Engine, Log = setup.Log, WorkerName = setup.WorkerName, Options = setup.Options,
            HangfireStorage = setup.HangfireStorage,
            Submitter = new RunSubmitter(setup.Store, setup.Engine, client, setup.Options.QueueGrace, setup.Log), RunEnded = setup.RunEnded,
            CancelWatch = new RunCancelWatch(setup.Store.Cancellation, setup.Log),
        };
        var schedules = new ScheduleRegistrar(setup.HangfireStorage, setup.Loader, setup.Workflows, setup.Calendar, setup.Log);
        schedules.Sync();
        var worker = new RunWorker(services, setup.HangfireStorage, schedules, setup.Calendar);
        worker._sweep.Start();
        setup.Log.Information("Worker {Worker} serves {Queues} with {Workers} workers; {Schedules} schedule(s) registered",
            setup.WorkerName, string.Join(", ", setup.Options.Queues), setup.Options.WorkerCount, schedules.Current.Entries.Count);
        return worker;
    }

    private async Task ScheduleLoopAsync()
    {
        // Runbooks change on disk (a deploy, the designer saving): look every few seconds; a failed load keeps the old set.
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false))
            {
                try
                {
                    _schedules.Sync();
                }
                catch (Exception ex) when (ex is Core.RunbooksException or IOException or InvalidOperationException)
                {
                    _services.Log.Error("Schedules could not be refreshed: {Error}", ex.Message);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>Drains and stops: see the class summary.</summary>
    public async Task StopAsync()
    {
        _services.Log.Information("Worker {Worker} is draining: no new step starts; running steps get {Timeout} to finish", Name, _services.Options.ShutdownTimeout);
        await _stop.CancelAsync().ConfigureAwait(false);
        await _sweep.DisposeAsync().ConfigureAwait(false);
        _server.SendStop();
        await _server.WaitForShutdownAsync(CancellationToken.None).ConfigureAwait(false);
        await _scheduleLoop.ConfigureAwait(false);
        _services.Log.Information("Worker {Worker} stopped", Name);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (!_stop.IsCancellationRequested)
        {
            await StopAsync().ConfigureAwait(false);
        }
        _server.Dispose();
        _services.Submitter.Dispose();
        await _services.CancelWatch.DisposeAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}

/// <summary>What a worker is built from.</summary>
public sealed record WorkerSetup
{
    /// <summary>The journal (opened with this worker as owner).</summary>
    public required JournalStore Store { get; init; }

    /// <summary>Loads runbooks (and their stored versions).</summary>
    public required RunbookLoader Loader { get; init; }

    /// <summary>The engine, with host locks on the journal database.</summary>
    public required RunEngine Engine { get; init; }

    /// <summary>Hangfire's storage (see <see cref="HangfireStorageFactory"/>).</summary>
    public required JobStorage HangfireStorage { get; init; }

    /// <summary>The runbooks folder whose schedules are registered.</summary>
    public required string Workflows { get; init; }

    /// <summary>Maintenance windows and freezes.</summary>
    public required MaintenanceCalendar Calendar { get; init; }

    /// <summary>How the worker works.</summary>
    public required WorkerOptions Options { get; init; }

    /// <summary>This worker's unique name.</summary>
    public required string WorkerName { get; init; }

    /// <summary>The log.</summary>
    public required ILogger Log { get; init; }

    /// <summary>
    /// Called after a run that an alert started (<see cref="Runbooks.Core.Engine.RunResult.StartedByAlert"/>) has ended on
    /// this worker (succeeded, failed or cancelled), to count the remediation toward the alert's breaker; a failure in it
    /// is logged and never changes the run.
    /// </summary>
    public Func<string, CancellationToken, Task>? RunEnded { get; init; }
}
