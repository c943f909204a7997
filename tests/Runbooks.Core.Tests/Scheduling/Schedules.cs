using Runbooks.Core.Scheduling;
using Runbooks.Core.Tests.Validation;

namespace Runbooks.Core.Tests.Scheduling;

/// <summary>Builds schedule entries and calendars the way the product does: from runbook text and settings pairs.</summary>
internal static class Schedules
{
    public const string SettingsFile = "appsettings.json";

    /// <summary>The catalog of one runbook's text; fails listing the problems when it does not load.</summary>
    public static ScheduleCatalog Catalog(string yaml, MaintenanceCalendar? calendar = null)
    {
        var result = Validator.Loader.LoadText(yaml, Validator.FileName);
        Assert.True(result.IsValid, string.Join('\n', result.Diagnostics));
        return ScheduleCatalog.Build([result.Runbook!], calendar);
    }

    /// <summary>The only schedule of a runbook that declares one.</summary>
    public static ScheduleEntry Entry(string schedule, MaintenanceCalendar? calendar = null) =>
        Assert.Single(Catalog($$"""
            name: job
            triggers:
              - schedule: {{schedule}}
            steps:
              - { id: a, action: log, with: { message: hi } }
            """, calendar).Entries);

    /// <summary>Settings under Runbooks:Maintenance, as configuration flattens them (keys relative to the section).</summary>
    public static MaintenanceSettings Settings(params (string Key, string Value)[] settings) =>
        MaintenanceCalendar.Load(settings.Select(s => new KeyValuePair<string, string?>("Runbooks:Maintenance:" + s.Key, s.Value)), SettingsFile);

    /// <summary>A calendar from valid settings; fails listing the problems otherwise.</summary>
    public static MaintenanceCalendar Calendar(params (string Key, string Value)[] settings)
    {
        var loaded = Settings(settings);
        Assert.True(loaded.IsValid, string.Join('\n', loaded.Problems));
        return loaded.Calendar;
    }

    public static DateTimeOffset Utc(string text) => DateTimeOffset.Parse(text + "Z", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>An instant as the zone's wall clock with its offset, e.g. 2026-03-29 03:00:00 +02:00.</summary>
    public static string Local(DateTimeOffset at, string zone) =>
        TimeZoneInfo.ConvertTime(at, TimeZoneInfo.FindSystemTimeZoneById(zone)).ToString("yyyy-MM-dd HH:mm:ss zzz", System.Globalization.CultureInfo.InvariantCulture);
}
