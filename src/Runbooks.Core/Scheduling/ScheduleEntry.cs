using System.Globalization;
using Cronos;
using Runbooks.Core.Engine;
using Runbooks.Core.Model;

namespace Runbooks.Core.Scheduling;

/// <summary>
/// One schedule of one loaded runbook, ready to register with a scheduler: a stable <see cref="Id"/>
/// (<c>&lt;runbook&gt;/&lt;trigger id&gt;</c>), the cron in its zone, the run's parameters and target override, the
/// window and the policies. Immutable.
/// </summary>
public sealed class ScheduleEntry
{
    private readonly CronExpression _cron;

    internal ScheduleEntry(RunbookDefinition runbook, ScheduleTrigger trigger, CronExpression cron, TimeZoneInfo zone)
    {
        Runbook = runbook;
        Trigger = trigger;
        _cron = cron;
        TimeZone = zone;
    }

    /// <summary><c>&lt;runbook&gt;/&lt;trigger id&gt;</c>: the same for as long as the runbook's name and the trigger's id stay.</summary>
    public string Id => $"{Runbook.Name}/{Trigger.Id}";

    /// <summary>The runbook as loaded.</summary>
    public RunbookDefinition Runbook { get; }

    /// <summary>The trigger as written.</summary>
    public ScheduleTrigger Trigger { get; }

    /// <summary>The cron expression as written (5 fields, or 6 with seconds first).</summary>
    public string Cron => Trigger.Cron;

    /// <summary>The zone the cron is read in.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>Parameter values for every run (typed); the runbook's defaults fill in the rest.</summary>
    public IReadOnlyDictionary<string, object?> Parameters => Trigger.Parameters;

    /// <summary>The targets scheduled runs use: the override, else the runbook's own.</summary>
    public TargetsDefinition Targets => Trigger.Targets ?? Runbook.Targets;

    /// <summary>The maintenance window, or null.</summary>
    public string? Window => Trigger.Window;

    /// <summary>What a fire time outside the window does.</summary>
    public OutsideWindowPolicy OutsideWindow => Trigger.OutsideWindow;

    /// <summary>What missed fire times do after downtime.</summary>
    public MisfirePolicy Misfire => Trigger.Misfire;

    /// <summary>False: listed, but never fired (a scheduler should not register it).</summary>
    public bool Enabled => Trigger.Enabled;

    /// <summary>
    /// Identifies this version of the schedule: it changes whenever the runbook file or anything the schedule says
    /// changes, so a scheduler can tell which registrations to update.
    /// </summary>
    public string Version => $"{Runbook.ContentHash}:{Trigger.Id}";

    /// <summary>The next fire time strictly after <paramref name="after"/>, or null when the cron never fires again.</summary>
    public DateTimeOffset? NextOccurrence(DateTimeOffset after) => _cron.GetNextOccurrence(after, TimeZone);

    /// <summary>
    /// The next <paramref name="count"/> fire times strictly after <paramref name="from"/>, as instants with the
    /// zone's offset at each. A wall-clock time the clock skips fires at the change; one it shows twice fires once.
    /// </summary>
    public IReadOnlyList<DateTimeOffset> NextOccurrences(DateTimeOffset from, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var result = new List<DateTimeOffset>(count);
        var at = from;
        while (result.Count < count && NextOccurrence(at) is { } next)
        {
            result.Add(TimeZoneInfo.ConvertTime(next, TimeZone));
            at = next;
        }
        return result;
    }

    /// <summary>The latest fire time at or before <paramref name="atOrBefore"/>, or null.</summary>
    internal DateTimeOffset? PreviousOccurrence(DateTimeOffset atOrBefore) => _cron.GetPreviousOccurrence(atOrBefore, TimeZone, inclusive: true);

    /// <summary>Fire times in (<paramref name="after"/>, <paramref name="until"/>], at most <paramref name="limit"/>.</summary>
    internal IEnumerable<DateTimeOffset> Occurrences(DateTimeOffset after, DateTimeOffset until, int limit) =>
        after >= until ? [] : _cron.GetOccurrences(after, until, TimeZone, fromInclusive: false, toInclusive: true).Take(limit);

    /// <summary>
    /// The run request for the fire time <paramref name="fireTime"/>: the runbook with the target override applied,
    /// the schedule's parameters, and the trigger <c>schedule:&lt;id&gt;@&lt;fire time UTC&gt;</c> for the journal.
    /// </summary>
    public RunRequest CreateRequest(DateTimeOffset fireTime) => new()
    {
        Runbook = Trigger.Targets is { } targets ? Runbook with { Targets = targets } : Runbook,
        Parameters = Parameters,
        Trigger = $"schedule:{Id}@{fireTime.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}",
    };

    /// <inheritdoc />
    public override string ToString() => $"{Id} ({Cron} in {TimeZone.Id})";
}
