using Microsoft.Extensions.Configuration;

namespace Runbooks.Server;

/// <summary>
/// How a <c>runbooks serve</c> process works (appsettings.json <c>Runbooks:Workers</c>). Every duration is in seconds
/// in the file.
/// </summary>
public sealed record WorkerOptions
{
    /// <summary>Runs this process executes at once (Hangfire workers). Default: 4 per processor core, at least 8.</summary>
    public int WorkerCount { get; init; } = Math.Max(8, Environment.ProcessorCount * 4);

    /// <summary>The queues this process serves, in priority order. Default: all three.</summary>
    public IReadOnlyList<string> Queues { get; init; } = RunQueues.All;

    /// <summary>
    /// On SIGTERM: how long steps already running may take to finish. No new step starts once the signal comes; a run
    /// with steps left is handed back for the next worker. Default 30 s.
    /// </summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the sweep looks for runs to recover (dead worker, handed back, woken). Default 2 s.</summary>
    public TimeSpan SweepInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a queued run waits for its job before the sweep queues it again. Default 5 min.</summary>
    public TimeSpan QueueGrace { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A queued run nobody claimed this long after it was queued, on a queue of this process with no job waiting to be
    /// fetched, is taken as stranded (its job was lost after a fetch) and queued again without waiting out
    /// <see cref="QueueGrace"/>. Default 15 s.
    /// </summary>
    public TimeSpan StrandedAfter { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// Hangfire.PostgreSql: how long a fetched job stays invisible to other workers without a heartbeat (sliding: the
    /// worker refreshes it every fifth of this while the job runs, so a long run keeps it). Default 5 min. Run leases,
    /// not this, decide when a dead worker's run is taken over, and the sweep, not this, brings back a run whose job
    /// was lost after a fetch (<see cref="StrandedAfter"/>): the heartbeat keeps such a job invisible for as long as its
    /// process lives.
    /// </summary>
    public TimeSpan InvisibilityTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>A <c>wait</c> longer than this suspends its run instead of holding a worker. Default 60 s.</summary>
    public TimeSpan SuspendWaitsLongerThan { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The schema Hangfire's own tables live in on PostgreSQL. Default <c>hangfire</c>.</summary>
    public string HangfireSchema { get; init; } = "hangfire";

    /// <summary>Reads <c>Runbooks:Workers</c>; throws with the key and what is allowed on a bad value.</summary>
    public static WorkerOptions From(IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var defaults = new WorkerOptions();
        var queues = section.GetSection("Queues").GetChildren().Select(q => q.Value ?? "").Where(q => q.Length > 0).ToList();
        foreach (var queue in queues)
        {
            if (RunQueues.Check(queue) is { } problem)
            {
                throw new Core.RunbooksException($"{section.Path}:Queues: {problem}");
            }
        }
        return new WorkerOptions
        {
            WorkerCount = Int(section, "WorkerCount", defaults.WorkerCount, 1, 1000),
            Queues = queues.Count > 0 ? queues : defaults.Queues,
            ShutdownTimeout = Seconds(section, "ShutdownTimeoutSeconds", defaults.ShutdownTimeout, 0, 3600),
            SweepInterval = Seconds(section, "SweepIntervalSeconds", defaults.SweepInterval, 0.1, 600),
            QueueGrace = Seconds(section, "QueueGraceSeconds", defaults.QueueGrace, 1, 86400),
            StrandedAfter = Seconds(section, "StrandedAfterSeconds", defaults.StrandedAfter, 1, 86400),
            InvisibilityTimeout = Seconds(section, "InvisibilityTimeoutSeconds", defaults.InvisibilityTimeout, 10, 86400),
            SuspendWaitsLongerThan = Seconds(section, "SuspendWaitsLongerThanSeconds", defaults.SuspendWaitsLongerThan, 1, 86400),
            HangfireSchema = section.GetValue<string?>("HangfireSchema") is { Length: > 0 } schema ? schema : defaults.HangfireSchema,
        };
    }

    private static int Int(IConfigurationSection section, string key, int fallback, int min, int max)
    {
        var text = section.GetValue<string?>(key);
        if (text is null)
        {
            return fallback;
        }
        return int.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new Core.RunbooksException($"{section.Path}:{key}: '{text}' is not allowed; give a whole number from {min} to {max}");
    }

    private static TimeSpan Seconds(IConfigurationSection section, string key, TimeSpan fallback, double min, double max)
    {
        var text = section.GetValue<string?>(key);
        if (text is null)
        {
            return fallback;
        }
        return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? TimeSpan.FromSeconds(value)
            : throw new Core.RunbooksException($"{section.Path}:{key}: '{text}' is not allowed; give seconds from {min} to {max}");
    }
}
