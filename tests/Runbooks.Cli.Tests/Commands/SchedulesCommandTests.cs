using System.Text.Json;
using Runbooks.Cli.Tests.TestSupport;

namespace Runbooks.Cli.Tests.Commands;

/// <summary><c>runbooks schedules</c> and <c>runbooks windows</c> over a temp workflows folder and settings file.</summary>
public sealed class SchedulesCommandTests : IDisposable
{
    internal const string Settings = """
        {
          "Runbooks": {
            "Maintenance": {
              "Windows": {
                "sunday-night": { "Cron": "0 1 * * SUN", "Duration": "4h", "TimeZone": "Europe/Berlin" }
              },
              "Freezes": {
                "year-end": { "Start": "2026-12-20", "End": "2027-01-04", "TimeZone": "Europe/Berlin", "Reason": "year-end change freeze" }
              }
            }
          }
        }
        """;

    private const string Patch = """
        name: patch
        triggers:
          - schedule: { id: weekly, cron: "0 12 * * SAT", timeZone: Europe/Berlin, window: sunday-night }
        steps:
          - { id: a, action: log, with: { message: patch } }
        """;

    private const string Audit = """
        name: audit
        parameters:
          days: { type: int, default: 30 }
        triggers:
          - schedule: { cron: "30 2 * * *", timeZone: Europe/Berlin, parameters: { days: 7 } }
        steps:
          - { id: a, action: log, with: { message: audit } }
        """;

    private readonly TempWorkDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Schedules_TwoRunbooks_ListsFireTimesInZoneAndUtcWithTheWindowDecision()
    {
        _dir.Write("appsettings.json", Settings);
        _dir.Write("workflows/patch.yaml", Patch);
        _dir.Write("workflows/audit.yaml", Audit);

        var result = await CliProcess.RunAsync(_dir, "schedules", "--from", "2026-03-27T12:00:00Z", "--count", "2");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal([
            "audit/schedule-1",
            "  runbook  workflows/audit.yaml",
            "  cron     30 2 * * *  (Europe/Berlin)",
            "  window   none",
            "  misfire  runOnce",
            "  params   days=7",
            "  next     2026-03-28 02:30:00 +01:00  =  2026-03-28 01:30:00Z  runs",
            "           2026-03-29 03:00:00 +02:00  =  2026-03-29 01:00:00Z  runs",
            "",
            "patch/weekly",
            "  runbook  workflows/patch.yaml",
            "  cron     0 12 * * SAT  (Europe/Berlin)",
            "  window   sunday-night, outside it: wait",
            "  misfire  runOnce",
            "  next     2026-03-28 12:00:00 +01:00  =  2026-03-28 11:00:00Z  waits for window sunday-night until 2026-03-29 00:00:00Z",
            "           2026-04-04 12:00:00 +02:00  =  2026-04-04 10:00:00Z  waits for window sunday-night until 2026-04-04 23:00:00Z",
            "",
            "2 schedule(s) in workflows",
        ], result.StdoutLines);
    }

    [Fact]
    public async Task Schedules_Json_GivesIdsInstantsAndWhetherEachFireIsInsideTheWindow()
    {
        _dir.Write("appsettings.json", Settings);
        _dir.Write("books/patch.yaml", Patch.Replace("0 12 * * SAT", "0 2 * * SUN", StringComparison.Ordinal));

        var result = await CliProcess.RunAsync(_dir, "schedules", "--workflows", "books", "--from", "2026-12-01T00:00:00Z", "-n", "4", "--json");

        Assert.True(result.ExitCode == 0, result.ToString());
        using var doc = JsonDocument.Parse(result.Stdout);
        var schedule = Assert.Single(doc.RootElement.GetProperty("schedules").EnumerateArray().ToList());
        Assert.Equal("patch/weekly", schedule.GetProperty("id").GetString());
        Assert.Equal("wait", schedule.GetProperty("outsideWindow").GetString());
        var next = schedule.GetProperty("next").EnumerateArray().ToList();
        Assert.Equal(["2026-12-06T01:00:00Z", "2026-12-13T01:00:00Z", "2026-12-20T01:00:00Z", "2026-12-27T01:00:00Z"], next.Select(n => n.GetProperty("utc").GetString()));
        Assert.Equal("2026-12-06T02:00:00+01:00", next[0].GetProperty("local").GetString());
        Assert.All(next, n => Assert.True(n.GetProperty("inWindow").GetBoolean()));
        Assert.Equal(["runs (inside the window)", "runs (inside the window)"], next.Take(2).Select(n => n.GetProperty("decision").GetString()));
        Assert.StartsWith("frozen by year-end until 2027-01-03 23:00:00Z", next[2].GetProperty("decision").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schedules_RunbookRemoved_ItsScheduleDisappears()
    {
        _dir.Write("appsettings.json", Settings);
        _dir.Write("workflows/patch.yaml", Patch);
        var audit = _dir.Write("workflows/audit.yaml", Audit);
        var before = await CliProcess.RunAsync(_dir, "schedules", "--json");

        File.Delete(audit);
        var after = await CliProcess.RunAsync(_dir, "schedules", "--json");

        Assert.Equal(["audit/schedule-1", "patch/weekly"], Ids(before));
        Assert.Equal(["patch/weekly"], Ids(after));
    }

    [Fact]
    public async Task Schedules_InvalidRunbookAndUnknownWindow_ListsTheRestAndExitsOne()
    {
        _dir.Write("appsettings.json", Settings);
        _dir.Write("workflows/patch.yaml", Patch.Replace("sunday-night", "saturday", StringComparison.Ordinal));
        _dir.Write("workflows/audit.yaml", Audit);

        var result = await CliProcess.RunAsync(_dir, "schedules", "--from", "2026-03-27T12:00:00Z", "-n", "1");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("1 schedule(s) in workflows", result.StdoutLines[^1]);
        Assert.Equal([
            "error: workflows/patch.yaml:3:84: error RB0117 at triggers[0].schedule.window: unknown maintenance window 'saturday'; configured windows: sunday-night",
            "error: 1 problem(s); schedules of invalid runbooks are not listed",
        ], result.Timeline);
    }

    [Fact]
    public async Task Schedules_NoSuchFolder_ExitsTwo()
    {
        var result = await CliProcess.RunAsync(_dir, "schedules", "--workflows", "missing");

        Assert.Equal(2, result.ExitCode);
        Assert.Equal("error: no such folder: missing (give the runbooks' folder with --workflows)", result.Stderr.TrimEnd());
    }

    [Fact]
    public async Task Windows_WindowAndFreeze_ListsWhetherOpenAndTheNextIntervals()
    {
        _dir.Write("appsettings.json", Settings);

        var result = await CliProcess.RunAsync(_dir, "windows", "--from", "2026-12-24T12:00:00Z", "-n", "2");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal([
            "window sunday-night  (Europe/Berlin; cron 0 1 * * SUN for 4h)  closed at 2026-12-24 12:00:00Z",
            "  2026-12-27 01:00:00 +01:00 – 2026-12-27 05:00:00 +01:00  =  2026-12-27 00:00:00Z – 2026-12-27 04:00:00Z",
            "  2027-01-03 01:00:00 +01:00 – 2027-01-03 05:00:00 +01:00  =  2027-01-03 00:00:00Z – 2027-01-03 04:00:00Z",
            "",
            "freeze year-end  (Europe/Berlin; year-end change freeze)  IN FORCE at 2026-12-24 12:00:00Z",
            "  2026-12-20 00:00:00 +01:00 – 2027-01-04 00:00:00 +01:00  =  2026-12-19 23:00:00Z – 2027-01-03 23:00:00Z",
        ], result.StdoutLines);
    }

    [Fact]
    public async Task Windows_BadSettings_NamesTheFileAndKeyAndExitsOne()
    {
        _dir.Write("appsettings.json", Settings.Replace("\"4h\"", "\"4 hours\"", StringComparison.Ordinal));

        var result = await CliProcess.RunAsync(_dir, "windows");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal([
            $"error: {_dir["appsettings.json"]}: error RB0602 at Runbooks:Maintenance:Windows:sunday-night:Duration: '4 hours' is not a duration; " +
            "expected a number with a unit: ms, s, m, h or d (e.g. 500ms, 30s, 5m, 1h30m), at most 24d, more than zero",
        ], result.Timeline);
    }

    private static IReadOnlyList<string?> Ids(CliResult result)
    {
        Assert.True(result.ExitCode == 0, result.ToString());
        using var doc = JsonDocument.Parse(result.Stdout);
        return [.. doc.RootElement.GetProperty("schedules").EnumerateArray().Select(s => s.GetProperty("id").GetString())];
    }
}
