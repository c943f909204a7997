using Runbooks.Cli.Commands;
using Runbooks.Core.Diagnostics;
using Runbooks.Core.Scheduling;

namespace Runbooks.Cli.Output;

/// <summary>The text and JSON forms of <c>runbooks windows</c>.</summary>
internal static class WindowsPrinter
{
    public static void Print(MaintenanceCalendar calendar, DateTimeOffset from, int count, string? file, TextWriter output)
    {
        if (calendar.Windows.Count == 0 && calendar.Freezes.Count == 0)
        {
            output.WriteLine($"No maintenance windows or freezes in {file ?? "the configuration"} (see Runbooks:Maintenance in docs/schedules.md)");
            return;
        }
        foreach (var window in calendar.Windows)
        {
            var when = window.Cron is { } cron ? $"cron {cron} for {Duration(window.Duration)}" : $"{window.Ranges.Count} fixed range(s)";
            output.WriteLine($"window {window.Name}  ({window.TimeZone.Id}; {when})  {(window.IsOpen(from) ? "open" : "closed")} at {ScheduleTimes.Utc(from)}");
            Intervals(Openings(window, from, count), window.TimeZone, output, "never opens again");
            output.WriteLine();
        }
        foreach (var freeze in calendar.Freezes)
        {
            output.WriteLine($"freeze {freeze.Name}  ({freeze.TimeZone.Id}; {freeze.Reason})  {(freeze.IntervalAt(from) is null ? "not in force" : "IN FORCE")} at {ScheduleTimes.Utc(from)}");
            Intervals([.. freeze.Ranges.Where(r => r.End > from).Take(count)], freeze.TimeZone, output, "over (no range ahead)");
            output.WriteLine();
        }
    }

    public static object ToJson(MaintenanceCalendar calendar, DateTimeOffset from, int count, IReadOnlyList<Diagnostic> problems) => new
    {
        from = ScheduleTimes.IsoUtc(from),
        windows = calendar.Windows.Select(w => new
        {
            name = w.Name,
            timeZone = w.TimeZone.Id,
            cron = w.Cron,
            duration = w.Cron is null ? null : Duration(w.Duration),
            openNow = w.IsOpen(from),
            next = Openings(w, from, count).Select(i => Json(i, w.TimeZone)),
        }),
        freezes = calendar.Freezes.Select(f => new
        {
            name = f.Name,
            reason = f.Reason,
            timeZone = f.TimeZone.Id,
            inForceNow = f.IntervalAt(from) is not null,
            next = f.Ranges.Where(r => r.End > from).Take(count).Select(i => Json(i, f.TimeZone)),
        }),
        problems = problems.Select(ValidateCommand.Problem),
    };

    /// <summary>The opening in progress at <paramref name="from"/> (if any), then the next ones.</summary>
    private static List<MaintenanceInterval> Openings(MaintenanceWindow window, DateTimeOffset from, int count)
    {
        var openings = new List<MaintenanceInterval>();
        var next = window.CurrentOrNext(from);
        while (next is { } interval && openings.Count < count)
        {
            openings.Add(interval);
            next = window.NextOpening(interval.Start);
        }
        return openings;
    }

    private static void Intervals(IReadOnlyList<MaintenanceInterval> intervals, TimeZoneInfo zone, TextWriter output, string none)
    {
        if (intervals.Count == 0)
        {
            output.WriteLine($"  {none}");
        }
        foreach (var interval in intervals)
        {
            output.WriteLine($"  {ScheduleTimes.Local(interval.Start, zone)} – {ScheduleTimes.Local(interval.End, zone)}  =  {ScheduleTimes.Utc(interval.Start)} – {ScheduleTimes.Utc(interval.End)}");
        }
    }

    private static object Json(MaintenanceInterval interval, TimeZoneInfo zone) => new
    {
        start = ScheduleTimes.Iso(interval.Start, zone),
        end = ScheduleTimes.Iso(interval.End, zone),
        startUtc = ScheduleTimes.IsoUtc(interval.Start),
        endUtc = ScheduleTimes.IsoUtc(interval.End),
    };

    private static string Duration(TimeSpan span) =>
        span.TotalMinutes % 60 == 0 ? $"{(int)span.TotalHours}h" : $"{(int)span.TotalHours}h{span.Minutes}m";
}
