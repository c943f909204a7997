using Hangfire;
using Hangfire.Storage;
using Runbooks.Core.Scheduling;
using Runbooks.Core.Validation;
using Serilog;

namespace Runbooks.Server;

/// <summary>
/// Keeps Hangfire's recurring jobs equal to the schedules the runbooks in <c>workflows/</c> declare: at start, and
/// whenever a runbook changes (checked every few seconds). A schedule added or changed is registered; a runbook or
/// trigger removed takes its recurring job with it. A runbook that no longer validates keeps nothing scheduled and
/// says why in the log.
/// </summary>
internal sealed class ScheduleRegistrar(JobStorage storage, RunbookLoader loader, string workflows, MaintenanceCalendar calendar, ILogger log)
{
    /// <summary>The prefix of the recurring jobs this registrar owns.</summary>
    public const string Prefix = "schedule:";

    private readonly RecurringJobManager _manager = new(storage);
    private ScheduleCatalog _current = ScheduleCatalog.Empty;

    /// <summary>The schedules as registered now.</summary>
    public ScheduleCatalog Current => Volatile.Read(ref _current);

    /// <summary>Loads the runbooks and brings the recurring jobs in line; returns what changed.</summary>
    public ScheduleCatalogChanges Sync()
    {
        var catalog = Directory.Exists(workflows) ? ScheduleCatalog.LoadDirectory(loader, workflows, calendar) : ScheduleCatalog.Empty;
        foreach (var problem in catalog.Problems)
        {
            log.Warning("Schedules: {Problem}", problem.ToString());
        }
        var changes = catalog.Compare(_current);
        foreach (var entry in catalog.Entries)
        {
            if (!entry.Enabled)
            {
                _manager.RemoveIfExists(Prefix + entry.Id);
                continue;
            }
            var id = entry.Id;
            // A schedule's firing only queues its run (on maintenance): it waits on the default queue, before any
            // maintenance backlog, so a schedule fires on time even then.
            _manager.AddOrUpdate(Prefix + id, Hangfire.Common.Job.FromExpression<ScheduleJob>(job => job.FireAsync(id, CancellationToken.None), RunQueues.HangfireQueue(RunQueues.Default)), entry.Cron,
                new RecurringJobOptions
                {
                    TimeZone = entry.TimeZone,
                    // After downtime: runOnce fires once for everything missed, skip fires at the next time only.
                    MisfireHandling = entry.Misfire == Core.Model.MisfirePolicy.Skip ? MisfireHandlingMode.Ignorable : MisfireHandlingMode.Relaxed,
                });
        }
        // Removed runbooks, and anything left from an earlier start that no runbook declares now.
        using var connection = storage.GetConnection();
        foreach (var job in connection.GetRecurringJobs())
        {
            if (job.Id.StartsWith(Prefix, StringComparison.Ordinal) && catalog.Entry(job.Id[Prefix.Length..]) is null)
            {
                _manager.RemoveIfExists(job.Id);
                log.Information("Schedule {Schedule} removed: no runbook declares it any more", job.Id[Prefix.Length..]);
            }
        }
        foreach (var added in changes.Added)
        {
            log.Information("Schedule {Schedule} registered", added);
        }
        Volatile.Write(ref _current, catalog);
        return changes;
    }
}
