using static Runbooks.Core.Tests.Scheduling.Schedules;

namespace Runbooks.Core.Tests.Scheduling;

/// <summary>Fire times at fixed instants: zones, seconds, and both daylight-saving changes in Europe/Berlin.</summary>
public sealed class ScheduleEntryTests
{
    [Fact]
    public void NextOccurrences_UtcDaily_FiresAtTheHourAfterFrom()
    {
        var entry = Entry("""{ cron: "0 3 * * *" }""");

        var next = entry.NextOccurrences(Utc("2026-01-10T03:00:00"), 3);

        Assert.Equal([Utc("2026-01-11T03:00:00"), Utc("2026-01-12T03:00:00"), Utc("2026-01-13T03:00:00")], next);
    }

    [Fact]
    public void NextOccurrences_SixFields_FiresOnSeconds()
    {
        var entry = Entry("""{ cron: "*/20 * * * * *" }""");

        var next = entry.NextOccurrences(Utc("2026-01-10T12:00:05"), 3);

        Assert.Equal([Utc("2026-01-10T12:00:20"), Utc("2026-01-10T12:00:40"), Utc("2026-01-10T12:01:00")], next);
    }

    [Fact]
    public void NextOccurrences_BerlinInWinterAndSummer_FollowsTheOffset()
    {
        var entry = Entry("""{ cron: "0 6 * * *", timeZone: Europe/Berlin }""");

        var winter = entry.NextOccurrences(Utc("2026-01-10T00:00:00"), 1)[0];
        var summer = entry.NextOccurrences(Utc("2026-07-10T00:00:00"), 1)[0];

        Assert.Equal((Utc("2026-01-10T05:00:00"), "2026-01-10 06:00:00 +01:00"), (winter, Local(winter, "Europe/Berlin")));
        Assert.Equal((Utc("2026-07-10T04:00:00"), "2026-07-10 06:00:00 +02:00"), (summer, Local(summer, "Europe/Berlin")));
        Assert.Equal(TimeSpan.FromHours(2), summer.Offset);
    }

    [Fact]
    public void NextOccurrences_SkippedHourInSpring_FiresAtTheChange()
    {
        // 2026-03-29: Berlin's clocks go from 02:00 CET to 03:00 CEST; 02:30 does not exist that night.
        var entry = Entry("""{ cron: "30 2 * * *", timeZone: Europe/Berlin }""");

        var next = entry.NextOccurrences(Utc("2026-03-28T00:00:00"), 3).Select(t => Local(t, "Europe/Berlin"));

        Assert.Equal(["2026-03-28 02:30:00 +01:00", "2026-03-29 03:00:00 +02:00", "2026-03-30 02:30:00 +02:00"], next);
    }

    [Fact]
    public void NextOccurrences_RepeatedHourInAutumn_FiresOnce()
    {
        // 2026-10-25: Berlin's clocks go from 03:00 CEST back to 02:00 CET; 02:30 happens twice.
        var entry = Entry("""{ cron: "30 2 * * *", timeZone: Europe/Berlin }""");

        var next = entry.NextOccurrences(Utc("2026-10-24T12:00:00"), 2).Select(t => Local(t, "Europe/Berlin"));

        Assert.Equal(["2026-10-25 02:30:00 +02:00", "2026-10-26 02:30:00 +01:00"], next);
    }

    [Fact]
    public void NextOccurrences_HourlyAcrossTheAutumnChange_KeepsEveryRealHour()
    {
        var entry = Entry("""{ cron: "0 * * * *", timeZone: Europe/Berlin }""");

        var next = entry.NextOccurrences(Utc("2026-10-24T23:30:00"), 4);

        Assert.Equal([Utc("2026-10-25T00:00:00"), Utc("2026-10-25T01:00:00"), Utc("2026-10-25T02:00:00"), Utc("2026-10-25T03:00:00")], next);
    }

    [Fact]
    public void CreateRequest_WithOverrideAndParameters_RunsTheOverrideWithTheValuesAndNamesTheFireTime()
    {
        var catalog = Catalog("""
            name: cleanup
            parameters:
              keep: { type: int, default: 7 }
            targets: local
            triggers:
              - schedule: { id: nightly, cron: "0 3 * * *", parameters: { keep: 2 }, targets: { hosts: [web-1] } }
            steps:
              - { id: a, action: log, with: { message: "{{ params.keep }}" } }
            """);
        var entry = Assert.Single(catalog.Entries);

        var request = entry.CreateRequest(Utc("2026-01-10T03:00:00"));

        Assert.Equal("cleanup/nightly", entry.Id);
        Assert.Equal("schedule:cleanup/nightly@2026-01-10T03:00:00Z", request.Trigger);
        Assert.Equal(2L, request.Parameters["keep"]);
        Assert.False(request.Runbook.Targets.IsLocal);
        Assert.Equal("web-1", Assert.IsType<Runbooks.Core.Model.LiteralValue>(Assert.Single(request.Runbook.Targets.Hosts)).Value);
        Assert.True(entry.Runbook.Targets.IsLocal, "the loaded runbook itself is unchanged");
    }
}
