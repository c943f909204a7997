using static Runbooks.Core.Tests.Scheduling.Schedules;

namespace Runbooks.Core.Tests.Scheduling;

/// <summary>Windows open and close at the right instants: across midnight, across both DST changes, fixed ranges.</summary>
public sealed class MaintenanceWindowTests
{
    [Fact]
    public void IsOpen_CronWindowAcrossMidnight_IsOpenAfterMidnightAndClosedAfterItsEnd()
    {
        var window = Calendar(("Windows:nightly:Cron", "0 22 * * *"), ("Windows:nightly:Duration", "6h")).Window("nightly")!;

        Assert.False(window.IsOpen(Utc("2026-01-10T21:59:59")));
        Assert.True(window.IsOpen(Utc("2026-01-10T22:00:00")));
        Assert.True(window.IsOpen(Utc("2026-01-11T01:00:00")));
        Assert.True(window.IsOpen(Utc("2026-01-11T03:59:59")));
        Assert.False(window.IsOpen(Utc("2026-01-11T04:00:00")));
        Assert.Equal(new(Utc("2026-01-10T22:00:00"), Utc("2026-01-11T04:00:00")), window.IntervalAt(Utc("2026-01-11T01:00:00")));
    }

    [Fact]
    public void IntervalAt_BerlinWindowOnTheSpringChange_ClosesAtItsWallClockEnd()
    {
        // Opens 01:00 CET; the clock skips 02:00–03:00; closes at 05:00 CEST: three real hours.
        var window = Calendar(("Windows:sunday-night:Cron", "0 1 * * SUN"), ("Windows:sunday-night:Duration", "4h"),
            ("Windows:sunday-night:TimeZone", "Europe/Berlin")).Window("sunday-night")!;

        var interval = window.IntervalAt(Utc("2026-03-29T02:00:00"))!.Value;

        Assert.Equal(("2026-03-29 01:00:00 +01:00", "2026-03-29 05:00:00 +02:00"), (Local(interval.Start, "Europe/Berlin"), Local(interval.End, "Europe/Berlin")));
        Assert.Equal(TimeSpan.FromHours(3), interval.End - interval.Start);
        Assert.True(window.IsOpen(Utc("2026-03-29T02:59:59")));
        Assert.False(window.IsOpen(Utc("2026-03-29T03:00:00")));
    }

    [Fact]
    public void IntervalAt_BerlinWindowOnTheAutumnChange_ClosesAtItsWallClockEnd()
    {
        // Opens 01:00 CEST; the clock repeats 02:00–03:00; closes at 05:00 CET: five real hours.
        var window = Calendar(("Windows:sunday-night:Cron", "0 1 * * SUN"), ("Windows:sunday-night:Duration", "4h"),
            ("Windows:sunday-night:TimeZone", "Europe/Berlin")).Window("sunday-night")!;

        var interval = window.IntervalAt(Utc("2026-10-25T01:30:00"))!.Value;

        Assert.Equal(("2026-10-25 01:00:00 +02:00", "2026-10-25 05:00:00 +01:00"), (Local(interval.Start, "Europe/Berlin"), Local(interval.End, "Europe/Berlin")));
        Assert.Equal(TimeSpan.FromHours(5), interval.End - interval.Start);
        Assert.True(window.IsOpen(Utc("2026-10-25T03:59:59")));
        Assert.False(window.IsOpen(Utc("2026-10-25T04:00:00")));
    }

    [Fact]
    public void NextOpening_ClosedCronWindow_IsTheNextCronTime()
    {
        var window = Calendar(("Windows:sunday-night:Cron", "0 1 * * SUN"), ("Windows:sunday-night:Duration", "4h"),
            ("Windows:sunday-night:TimeZone", "Europe/Berlin")).Window("sunday-night")!;

        var next = window.NextOpening(Utc("2026-01-07T12:00:00"))!.Value;

        Assert.Equal(("2026-01-11 01:00:00 +01:00", "2026-01-11 05:00:00 +01:00"), (Local(next.Start, "Europe/Berlin"), Local(next.End, "Europe/Berlin")));
    }

    [Fact]
    public void IsOpen_RangeAcrossMidnightInBerlin_IsOpenOnBothDates()
    {
        var window = Calendar(("Windows:new-year:TimeZone", "Europe/Berlin"),
            ("Windows:new-year:Ranges:0:Start", "2026-12-31T22:00"), ("Windows:new-year:Ranges:0:End", "2027-01-01T04:00")).Window("new-year")!;

        Assert.False(window.IsOpen(Utc("2026-12-31T20:59:59")));
        Assert.True(window.IsOpen(Utc("2026-12-31T21:00:00")));
        Assert.True(window.IsOpen(Utc("2026-12-31T23:30:00")));
        Assert.False(window.IsOpen(Utc("2027-01-01T03:00:00")));
        Assert.Null(window.NextOpening(Utc("2027-01-01T00:00:00")));
    }

    [Fact]
    public void Ranges_EndInTheSkippedSpringHour_EndsAtTheChange()
    {
        var window = Calendar(("Windows:early:TimeZone", "Europe/Berlin"),
            ("Windows:early:Ranges:0:Start", "2026-03-29T00:00"), ("Windows:early:Ranges:0:End", "2026-03-29T02:30")).Window("early")!;

        Assert.Equal(new(Utc("2026-03-28T23:00:00"), Utc("2026-03-29T01:00:00")), Assert.Single(window.Ranges));
    }

    [Fact]
    public void Ranges_WithOffsets_AreReadAsWritten()
    {
        var window = Calendar(("Windows:fixed:TimeZone", "Europe/Berlin"),
            ("Windows:fixed:Ranges:0:Start", "2026-06-01T22:00:00Z"), ("Windows:fixed:Ranges:0:End", "2026-06-02T01:00:00-04:00"),
            ("Windows:fixed:Ranges:1:Start", "2026-05-01"), ("Windows:fixed:Ranges:1:End", "2026-05-02")).Window("fixed")!;

        Assert.Equal([new(Utc("2026-04-30T22:00:00"), Utc("2026-05-01T22:00:00")), new(Utc("2026-06-01T22:00:00"), Utc("2026-06-02T05:00:00"))], window.Ranges);
    }
}
