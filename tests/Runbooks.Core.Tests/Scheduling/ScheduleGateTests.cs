using Microsoft.Extensions.Time.Testing;
using Runbooks.Core.Scheduling;
using static Runbooks.Core.Tests.Scheduling.Schedules;

namespace Runbooks.Core.Tests.Scheduling;

/// <summary>The gate: a window holds a run back or skips it, a freeze refuses every kind of run unless overridden.</summary>
public sealed class ScheduleGateTests
{
    private static readonly (string, string)[] SundayNight =
    [
        ("Windows:sunday-night:Cron", "0 1 * * SUN"), ("Windows:sunday-night:Duration", "4h"), ("Windows:sunday-night:TimeZone", "Europe/Berlin"),
    ];

    private static readonly (string, string)[] YearEnd =
    [
        ("Freezes:year-end:Start", "2026-12-20"), ("Freezes:year-end:End", "2027-01-04"), ("Freezes:year-end:TimeZone", "Europe/Berlin"),
        ("Freezes:year-end:Reason", "year-end change freeze"),
    ];

    [Fact]
    public void DecideNow_FireTimeOutsideTheWindow_WaitsUntilItOpensThenRuns()
    {
        var calendar = Calendar(SundayNight);
        var entry = Entry("""{ cron: "0 12 * * SAT", timeZone: Europe/Berlin, window: sunday-night }""", calendar);
        var clock = new FakeTimeProvider(Utc("2026-01-10T11:00:00")); // Saturday 12:00 in Berlin
        var gate = new ScheduleGate(calendar, clock);

        var held = gate.DecideNow(entry);
        var wait = Assert.IsType<GateDecision.WaitUntil>(held);
        clock.SetUtcNow(wait.Instant);
        var released = gate.DecideNow(entry);

        Assert.Equal(new GateDecision.WaitUntil(Utc("2026-01-11T00:00:00"), "sunday-night"), held);
        Assert.Equal("waits for window sunday-night until 2026-01-11 00:00:00Z", held.ToString());
        Assert.IsType<GateDecision.RunNow>(released);
    }

    [Fact]
    public void Decide_FireTimeInsideTheWindow_RunsNow()
    {
        var calendar = Calendar(SundayNight);
        var entry = Entry("""{ cron: "0 2 * * SUN", timeZone: Europe/Berlin, window: sunday-night }""", calendar);

        var decision = new ScheduleGate(calendar).Decide(entry, entry.NextOccurrence(Utc("2026-01-10T00:00:00"))!.Value);

        Assert.IsType<GateDecision.RunNow>(decision);
    }

    [Fact]
    public void Decide_OutsideTheWindowWithSkip_SkipsSayingWhenItOpens()
    {
        var calendar = Calendar(SundayNight);
        var entry = Entry("""{ cron: "0 12 * * SAT", window: sunday-night, outsideWindow: skip }""", calendar);

        var decision = new ScheduleGate(calendar).Decide(entry, Utc("2026-01-10T12:00:00"));

        Assert.Equal(new GateDecision.Skip("outside maintenance window 'sunday-night' (outsideWindow: skip); it next opens 2026-01-11 00:00:00Z"), decision);
    }

    [Fact]
    public void Decide_DuringAFreeze_IsFrozenUntilItsEnd()
    {
        var calendar = Calendar(YearEnd);
        var entry = Entry("""{ cron: "0 3 * * *" }""", calendar);

        var decision = new ScheduleGate(calendar).Decide(entry, Utc("2026-12-24T03:00:00"));

        Assert.Equal(new GateDecision.Frozen("year-end", "year-end change freeze", Utc("2027-01-03T23:00:00")), decision);
    }

    [Fact]
    public void Decide_FreezeOverridden_GoesOnToTheWindow()
    {
        var calendar = Calendar([.. YearEnd, .. SundayNight]);
        var entry = Entry("""{ cron: "0 12 * * THU", window: sunday-night }""", calendar);

        var decision = new ScheduleGate(calendar).Decide(entry, Utc("2026-12-24T12:00:00"), freezeOverride: true);

        Assert.Equal(new GateDecision.WaitUntil(Utc("2026-12-27T00:00:00"), "sunday-night"), decision);
    }

    [Fact]
    public void Decide_ManualRunDuringAFreeze_IsFrozenAndRunsWhenOverridden()
    {
        var calendar = Calendar(YearEnd);
        var entry = Entry("""{ cron: "0 3 * * *" }""", calendar);
        var gate = new ScheduleGate(calendar);

        Assert.IsType<GateDecision.Frozen>(gate.Decide(entry.Runbook, TriggerKind.Manual, Utc("2027-01-01T10:00:00")));
        Assert.IsType<GateDecision.RunNow>(gate.Decide(entry.Runbook, TriggerKind.Manual, Utc("2027-01-01T10:00:00"), freezeOverride: true));
        Assert.IsType<GateDecision.RunNow>(gate.Decide(entry.Runbook, TriggerKind.Manual, Utc("2027-01-03T23:00:00")));
    }

    [Fact]
    public void Decide_ManualRunOutsideEveryWindow_RunsNow()
    {
        var calendar = Calendar(SundayNight);

        var decision = new ScheduleGate(calendar).Decide(Entry("""{ cron: "0 3 * * *" }""").Runbook, TriggerKind.Alert, Utc("2026-01-07T12:00:00"));

        Assert.IsType<GateDecision.RunNow>(decision);
    }

    [Fact]
    public void Decide_OverlappingFreezes_IsFrozenUntilTheLastEnds()
    {
        var calendar = Calendar([.. YearEnd, ("Freezes:january:Start", "2027-01-03"), ("Freezes:january:End", "2027-01-10"),
            ("Freezes:january:Reason", "inventory"), ("Freezes:january:TimeZone", "Europe/Berlin")]);

        var decision = new ScheduleGate(calendar).Decide(Entry("""{ cron: "0 3 * * *" }""").Runbook, TriggerKind.Schedule, Utc("2026-12-24T03:00:00"));

        Assert.Equal(new GateDecision.Frozen("year-end", "year-end change freeze", Utc("2027-01-09T23:00:00")), decision);
    }

    [Fact]
    public void Decide_DisabledSchedule_Skips()
    {
        var entry = Entry("""{ cron: "0 3 * * *", enabled: false }""");

        Assert.Equal(new GateDecision.Skip("the schedule is disabled (enabled: false)"), new ScheduleGate(MaintenanceCalendar.Empty).Decide(entry, Utc("2026-01-10T03:00:00")));
    }

    [Fact]
    public void Decide_WindowOfPastRanges_SkipsAsNeverOpeningAgain()
    {
        var calendar = Calendar(("Windows:once:Ranges:0:Start", "2026-01-01"), ("Windows:once:Ranges:0:End", "2026-01-02"));
        var entry = Entry("""{ cron: "0 3 * * *", window: once }""", calendar);

        Assert.Equal(new GateDecision.Skip("maintenance window 'once' does not open again"), new ScheduleGate(calendar).Decide(entry, Utc("2026-02-01T03:00:00")));
    }
}
