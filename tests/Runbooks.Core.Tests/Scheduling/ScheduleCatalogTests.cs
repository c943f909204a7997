using Runbooks.Core.Diagnostics;
using Runbooks.Core.Scheduling;
using Runbooks.Core.Tests.Validation;
using static Runbooks.Core.Tests.Scheduling.Schedules;

namespace Runbooks.Core.Tests.Scheduling;

/// <summary>Stable ids, what changes between two loads of a folder (a removed runbook's schedule disappears), problems.</summary>
public sealed class ScheduleCatalogTests : IDisposable
{
    private const string Audit = """
        name: audit
        triggers:
          - schedule: { id: daily, cron: "0 6 * * *", timeZone: Europe/Berlin }
          - schedule: { cron: "0 7 * * MON", enabled: false }
        steps:
          - { id: a, action: log, with: { message: audit } }
        """;

    private const string Cleanup = """
        name: cleanup
        triggers:
          - schedule: { cron: "0 3 * * *" }
        steps:
          - { id: a, action: log, with: { message: clean } }
        """;

    private readonly TempDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void LoadDirectory_TwoRunbooks_ListsEverySchedulePerIdInOrder()
    {
        _dir.Write("audit.yaml", Audit);
        _dir.Write("cleanup.yaml", Cleanup);
        _dir.Write("manual.yaml", "name: manual\nsteps:\n  - { id: a, action: log, with: { message: hi } }\n");

        var catalog = ScheduleCatalog.LoadDirectory(Validator.Loader, _dir.Path);

        Assert.Empty(catalog.Problems);
        Assert.Equal(["audit/daily", "audit/schedule-2", "cleanup/schedule-1"], catalog.Entries.Select(e => e.Id));
        Assert.Equal([true, false, true], catalog.Entries.Select(e => e.Enabled));
        Assert.Equal("Europe/Berlin", catalog.Entry("audit/daily")!.TimeZone.Id);
    }

    [Fact]
    public void Compare_RunbookRemoved_ReportsItsSchedulesRemoved()
    {
        _dir.Write("audit.yaml", Audit);
        var cleanup = _dir.Write("cleanup.yaml", Cleanup);
        var before = ScheduleCatalog.LoadDirectory(Validator.Loader, _dir.Path);

        File.Delete(cleanup);
        var after = ScheduleCatalog.LoadDirectory(Validator.Loader, _dir.Path);
        var changes = after.Compare(before);

        Assert.Equal(["cleanup/schedule-1"], changes.Removed);
        Assert.Null(after.Entry("cleanup/schedule-1"));
        Assert.Equal(["audit/daily", "audit/schedule-2"], changes.Unchanged.Select(e => e.Id));
        Assert.Empty(changes.Added);
        Assert.Empty(changes.Updated);
    }

    [Fact]
    public void Compare_RunbookEditedAndAdded_ReportsUpdatedAndAdded()
    {
        var audit = _dir.Write("audit.yaml", Audit);
        var before = ScheduleCatalog.LoadDirectory(Validator.Loader, _dir.Path);

        File.WriteAllText(audit, Audit.Replace("0 6 * * *", "0 5 * * *", StringComparison.Ordinal));
        _dir.Write("cleanup.yaml", Cleanup);
        var changes = ScheduleCatalog.LoadDirectory(Validator.Loader, _dir.Path).Compare(before);

        Assert.Equal(["cleanup/schedule-1"], changes.Added.Select(e => e.Id));
        Assert.Equal(["audit/daily", "audit/schedule-2"], changes.Updated.Select(e => e.Id));
        Assert.Equal("0 5 * * *", changes.Updated[0].Cron);
        Assert.Empty(changes.Removed);
    }

    [Fact]
    public void Compare_RunbookBecameInvalid_RemovesItsSchedulesAndReportsWhy()
    {
        var cleanup = _dir.Write("cleanup.yaml", Cleanup);
        var before = ScheduleCatalog.LoadDirectory(Validator.Loader, _dir.Path);

        File.WriteAllText(cleanup, Cleanup.Replace("0 3 * * *", "0 3 * *", StringComparison.Ordinal));
        var after = ScheduleCatalog.LoadDirectory(Validator.Loader, _dir.Path);

        Assert.Equal(["cleanup/schedule-1"], after.Compare(before).Removed);
        Assert.Equal(RuleCodes.BadCron, Assert.Single(after.Problems).Code);
    }

    [Fact]
    public void Build_TwoRunbooksOfOneName_KeepsTheFirstAndReportsTheSecond()
    {
        _dir.Write("a.yaml", Cleanup);
        _dir.Write("b.yaml", Cleanup);

        var catalog = ScheduleCatalog.LoadDirectory(Validator.Loader, _dir.Path);

        Assert.Equal(["cleanup/schedule-1"], catalog.Entries.Select(e => e.Id));
        Assert.EndsWith("a.yaml", catalog.Entries[0].Runbook.SourcePath, StringComparison.Ordinal);
        var problem = Assert.Single(catalog.Problems);
        Assert.Equal(RuleCodes.DuplicateTriggerId, problem.Code);
        Assert.EndsWith("b.yaml", problem.Span.File, StringComparison.Ordinal);
        Assert.Contains("is also defined in", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WindowTheCalendarLacks_LeavesTheScheduleOutAndReportsRB0117()
    {
        var calendar = Calendar(("Windows:sunday-night:Cron", "0 1 * * SUN"), ("Windows:sunday-night:Duration", "4h"));

        var catalog = Catalog("""
            name: patch
            triggers:
              - schedule: { cron: "0 2 * * SUN", window: patch-window }
            steps:
              - { id: a, action: log, with: { message: hi } }
            """, calendar);

        Assert.Empty(catalog.Entries);
        Assert.Equal("rb.yaml:3:15: error RB0117 at triggers[0].schedule.window: unknown maintenance window 'patch-window'; configured windows: sunday-night; the schedule is not registered",
            Assert.Single(catalog.Problems).ToString());
    }
}
