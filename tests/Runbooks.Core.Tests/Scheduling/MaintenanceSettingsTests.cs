using static Runbooks.Core.Tests.Scheduling.Schedules;

namespace Runbooks.Core.Tests.Scheduling;

/// <summary>RB0601–RB0603: every settings problem names the file and the key path, says what is wrong and what is allowed.</summary>
public sealed class MaintenanceSettingsTests
{
    private static string Single(params (string Key, string Value)[] settings)
    {
        var problems = Settings(settings).Problems;
        Assert.True(problems.Count == 1, string.Join('\n', problems));
        return problems[0].ToString();
    }

    [Fact]
    public void Load_NoSection_IsValidNotConfiguredAndEmpty()
    {
        var loaded = MaintenanceCalendarLoad([]);

        Assert.True(loaded.IsValid);
        Assert.False(loaded.IsConfigured);
        Assert.Null(loaded.WindowNames);
        Assert.Empty(loaded.Calendar.Windows);
    }

    [Fact]
    public void Load_WindowsAndFreezes_ReadsThemAllCaseInsensitively()
    {
        var loaded = Settings(("Windows:nightly:cron", "0 22 * * *"), ("Windows:nightly:duration", "6h"),
            ("Freezes:year-end:Start", "2026-12-20"), ("Freezes:year-end:End", "2027-01-04"), ("Freezes:year-end:Reason", "year-end change freeze"),
            ("Freezes:year-end:TimeZone", "Europe/Berlin"));

        Assert.True(loaded.IsValid, string.Join('\n', loaded.Problems));
        Assert.True(loaded.IsConfigured);
        Assert.Equal(["nightly"], loaded.WindowNames);
        var freeze = Assert.Single(loaded.Calendar.Freezes);
        Assert.Equal(("year-end", "year-end change freeze"), (freeze.Name, freeze.Reason));
        Assert.Equal(new(Utc("2026-12-19T23:00:00"), Utc("2027-01-03T23:00:00")), Assert.Single(freeze.Ranges));
    }

    [Fact]
    public void Load_UnknownKey_ReportsRB0601WithHint()
    {
        Assert.Equal("appsettings.json: error RB0601 at Runbooks:Maintenance:Windows:nightly:Duraton: unknown setting 'Duraton' (did you mean 'Duration'?); allowed: Cron, Duration, Ranges, TimeZone",
            Single(("Windows:nightly:Cron", "0 22 * * *"), ("Windows:nightly:Duration", "6h"), ("Windows:nightly:Duraton", "6h")));
    }

    [Fact]
    public void Load_UnknownSectionKey_ReportsRB0601()
    {
        Assert.Equal("appsettings.json: error RB0601 at Runbooks:Maintenance:Window: unknown setting 'Window' (did you mean 'Windows'?); allowed: Windows, Freezes",
            Single(("Window:nightly:Cron", "0 22 * * *")));
    }

    [Fact]
    public void Load_WindowCronWithSeconds_ReportsRB0602()
    {
        Assert.Equal("appsettings.json: error RB0602 at Runbooks:Maintenance:Windows:nightly:Cron: '0 0 22 * * *' is not a cron expression: it has 6 field(s); " +
            "expected 5 fields: minute hour day-of-month month day-of-week (e.g. \"0 1 * * SAT\")",
            Single(("Windows:nightly:Cron", "0 0 22 * * *"), ("Windows:nightly:Duration", "6h")));
    }

    [Fact]
    public void Load_BadDuration_ReportsRB0602()
    {
        Assert.Equal("appsettings.json: error RB0602 at Runbooks:Maintenance:Windows:nightly:Duration: '6 hours' is not a duration; " +
            "expected a number with a unit: ms, s, m, h or d (e.g. 500ms, 30s, 5m, 1h30m), at most 24d, more than zero",
            Single(("Windows:nightly:Cron", "0 22 * * *"), ("Windows:nightly:Duration", "6 hours")));
    }

    [Fact]
    public void Load_CronWithoutDuration_ReportsRB0603()
    {
        Assert.Equal("appsettings.json: error RB0603 at Runbooks:Maintenance:Windows:nightly: missing Duration: how long the window stays open after each Cron time, e.g. 4h",
            Single(("Windows:nightly:Cron", "0 22 * * *")));
    }

    [Fact]
    public void Load_CronAndRanges_ReportsRB0602()
    {
        Assert.Equal("appsettings.json: error RB0602 at Runbooks:Maintenance:Windows:nightly: a window has either Cron and Duration (a recurring window) or Ranges (fixed dates), not both",
            Single(("Windows:nightly:Cron", "0 22 * * *"), ("Windows:nightly:Duration", "6h"),
                ("Windows:nightly:Ranges:0:Start", "2026-01-01"), ("Windows:nightly:Ranges:0:End", "2026-01-02")));
    }

    [Fact]
    public void Load_UnknownTimeZone_ReportsRB0602WithHint()
    {
        Assert.Equal("appsettings.json: error RB0602 at Runbooks:Maintenance:Windows:nightly:TimeZone: 'Europe/Paaris' is not a known IANA time zone (did you mean 'Europe/Paris'?); " +
            "expected a name such as UTC, Europe/Berlin or America/New_York (see /usr/share/zoneinfo)",
            Single(("Windows:nightly:Cron", "0 22 * * *"), ("Windows:nightly:Duration", "6h"), ("Windows:nightly:TimeZone", "Europe/Paaris")));
    }

    [Fact]
    public void Load_BadTime_ReportsRB0602WithTheForm()
    {
        Assert.Equal("appsettings.json: error RB0602 at Runbooks:Maintenance:Freezes:year-end:Start: '20.12.2026' is not a time; expected a date or date and time such as " +
            "2025-12-24, 2025-12-24T22:00 or 2025-12-24T22:00:00+01:00 (without an offset it is read in the TimeZone)",
            Single(("Freezes:year-end:Start", "20.12.2026"), ("Freezes:year-end:End", "2027-01-04"), ("Freezes:year-end:Reason", "freeze")));
    }

    [Fact]
    public void Load_EndBeforeStart_ReportsRB0602()
    {
        Assert.Equal("appsettings.json: error RB0602 at Runbooks:Maintenance:Windows:once:Ranges:0:End: End (2026-01-01T02:00) is not after Start (2026-01-01T04:00); End is the first moment outside the range",
            Single(("Windows:once:Ranges:0:Start", "2026-01-01T04:00"), ("Windows:once:Ranges:0:End", "2026-01-01T02:00")));
    }

    [Fact]
    public void Load_FreezeWithoutReason_ReportsRB0603()
    {
        Assert.Equal("appsettings.json: error RB0603 at Runbooks:Maintenance:Freezes:year-end: missing Reason: why runs are frozen, shown to whoever is refused (e.g. \"year-end change freeze\")",
            Single(("Freezes:year-end:Start", "2026-12-20"), ("Freezes:year-end:End", "2027-01-04")));
    }

    [Fact]
    public void Load_BadWindowName_ReportsRB0602()
    {
        Assert.Equal("appsettings.json: error RB0602 at Runbooks:Maintenance:Windows:Sunday Night: 'Sunday Night' is not a valid window name; " +
            "expected a name that starts with a lowercase letter, followed by lowercase letters, digits, '-' or '_' (at most 63 characters)",
            Single(("Windows:Sunday Night:Cron", "0 1 * * SUN"), ("Windows:Sunday Night:Duration", "4h")));
    }

    [Fact]
    public void Load_SeveralProblems_ReportsEveryOneAndKeepsTheGoodWindows()
    {
        var loaded = Settings(("Windows:good:Cron", "0 1 * * SUN"), ("Windows:good:Duration", "4h"),
            ("Windows:bad:Cron", "0 1 * *"), ("Windows:bad:Duration", "4x"), ("Freezes:f:Reason", "r"));

        Assert.Equal(3, loaded.Problems.Count);
        Assert.Equal(["good"], loaded.Calendar.Windows.Select(w => w.Name));
        Assert.Equal(["good", "bad"], loaded.WindowNames);
    }

    private static Runbooks.Core.Scheduling.MaintenanceSettings MaintenanceCalendarLoad(IEnumerable<KeyValuePair<string, string?>> pairs) =>
        Runbooks.Core.Scheduling.MaintenanceCalendar.Load(pairs, SettingsFile);
}
