using Cronos;

namespace Runbooks.Core.Scheduling;

/// <summary>
/// A named maintenance window (<c>Runbooks:Maintenance:Windows:&lt;name&gt;</c>): it opens at every
/// <see cref="Cron"/> time and stays open for <see cref="Duration"/> on the wall clock, or it is a list of fixed
/// <see cref="Ranges"/>. Read in <see cref="TimeZone"/>: a 22:00 window of 8h closes at 06:00 local time on the nights
/// the clocks change too (7 or 9 real hours), and one of 6h that opens at 22:00 is still open at 01:00.
/// </summary>
public sealed class MaintenanceWindow
{
    private readonly CronExpression? _cron;

    internal MaintenanceWindow(string name, TimeZoneInfo zone, CronExpression? cron, string? cronText, TimeSpan duration, IReadOnlyList<MaintenanceInterval> ranges)
    {
        Name = name;
        TimeZone = zone;
        _cron = cron;
        Cron = cronText;
        Duration = duration;
        Ranges = [.. ranges.OrderBy(r => r.Start)];
    }

    /// <summary>The window's name, as schedules write it in <c>window:</c>.</summary>
    public string Name { get; }

    /// <summary>The zone its cron and ranges are read in.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>When it opens (5 fields), or null for a window of fixed ranges.</summary>
    public string? Cron { get; }

    /// <summary>How long it stays open after each cron time, on the wall clock; zero for ranges.</summary>
    public TimeSpan Duration { get; }

    /// <summary>The fixed ranges, earliest first; empty for a cron window.</summary>
    public IReadOnlyList<MaintenanceInterval> Ranges { get; }

    /// <summary>True when the window is open at <paramref name="at"/>.</summary>
    public bool IsOpen(DateTimeOffset at) => IntervalAt(at) is not null;

    /// <summary>The opening that contains <paramref name="at"/>, or null when the window is closed then.</summary>
    public MaintenanceInterval? IntervalAt(DateTimeOffset at)
    {
        if (_cron is null)
        {
            return Ranges.Where(r => r.Contains(at)).Select(r => (MaintenanceInterval?)r).FirstOrDefault();
        }
        // Later openings close later (the close is the opening's wall-clock time plus a fixed duration), so if any
        // opening contains the instant, the latest one at or before it does.
        if (_cron.GetPreviousOccurrence(at, TimeZone, inclusive: true) is not { } start)
        {
            return null;
        }
        var interval = Opening(start);
        return interval.Contains(at) ? interval : null;
    }

    /// <summary>The first opening that starts after <paramref name="after"/>, or null when the window never opens again.</summary>
    public MaintenanceInterval? NextOpening(DateTimeOffset after)
    {
        if (_cron is null)
        {
            return Ranges.Where(r => r.Start > after).Select(r => (MaintenanceInterval?)r).FirstOrDefault();
        }
        return _cron.GetNextOccurrence(after, TimeZone) is { } start ? Opening(start) : null;
    }

    /// <summary>The opening in progress at <paramref name="at"/>, else the next one, else null.</summary>
    public MaintenanceInterval? CurrentOrNext(DateTimeOffset at) => IntervalAt(at) ?? NextOpening(at);

    private MaintenanceInterval Opening(DateTimeOffset start)
    {
        var close = ZonedTime.ToLocal(start, TimeZone) + Duration;
        // A close the clock shows twice is the earlier instant: a window never runs into the hour it was meant to end.
        return new MaintenanceInterval(start, ZonedTime.ToInstant(close, TimeZone, later: false));
    }
}
