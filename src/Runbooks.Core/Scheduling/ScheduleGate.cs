using System.Globalization;
using Runbooks.Core.Model;

namespace Runbooks.Core.Scheduling;

/// <summary>
/// Decides whether a run may start at an instant: a freeze in force refuses every kind of run unless a person
/// overrides it (record the override's reason with the run); a schedule's fire time outside its window waits for the
/// window or is skipped, as <see cref="ScheduleTrigger.OutsideWindow"/> says. Windows bind only schedules: a person
/// or an alert runs whenever no freeze holds. Pure: the same inputs give the same decision. Thread-safe.
/// </summary>
public sealed class ScheduleGate
{
    private readonly MaintenanceCalendar _calendar;
    private readonly TimeProvider _time;

    /// <summary>A gate over <paramref name="calendar"/>; <paramref name="time"/> (default the system clock) is what "now" means.</summary>
    public ScheduleGate(MaintenanceCalendar calendar, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        _calendar = calendar;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The decision for a fire time of <paramref name="entry"/> at <paramref name="at"/>.</summary>
    public GateDecision Decide(ScheduleEntry entry, DateTimeOffset at, bool freezeOverride = false)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!entry.Enabled)
        {
            return new GateDecision.Skip("the schedule is disabled (enabled: false)");
        }
        if (Freeze(at, freezeOverride) is { } frozen)
        {
            return frozen;
        }
        if (entry.Window is not { } name)
        {
            return new GateDecision.RunNow();
        }
        if (_calendar.Window(name) is not { } window)
        {
            return new GateDecision.Skip($"maintenance window '{name}' is not configured (Runbooks:Maintenance:Windows)");
        }
        if (window.IsOpen(at))
        {
            return new GateDecision.RunNow();
        }
        var next = window.NextOpening(at);
        if (next is null)
        {
            return new GateDecision.Skip($"maintenance window '{name}' does not open again");
        }
        return entry.OutsideWindow == OutsideWindowPolicy.Wait
            ? new GateDecision.WaitUntil(next.Value.Start, name)
            : new GateDecision.Skip($"outside maintenance window '{name}' (outsideWindow: skip); it next opens {Utc(next.Value.Start)}");
    }

    /// <summary>
    /// The decision for a run of <paramref name="runbook"/> that <paramref name="kind"/> asks for at
    /// <paramref name="at"/>: only freezes apply (a schedule's window is the entry's, see the other overload).
    /// </summary>
    public GateDecision Decide(RunbookDefinition runbook, TriggerKind kind, DateTimeOffset at, bool freezeOverride = false)
    {
        ArgumentNullException.ThrowIfNull(runbook);
        return (GateDecision?)Freeze(at, freezeOverride) ?? new GateDecision.RunNow();
    }

    /// <summary><see cref="Decide(ScheduleEntry, DateTimeOffset, bool)"/> at the gate's "now".</summary>
    public GateDecision DecideNow(ScheduleEntry entry, bool freezeOverride = false) => Decide(entry, _time.GetUtcNow(), freezeOverride);

    /// <summary><see cref="Decide(RunbookDefinition, TriggerKind, DateTimeOffset, bool)"/> at the gate's "now".</summary>
    public GateDecision DecideNow(RunbookDefinition runbook, TriggerKind kind, bool freezeOverride = false) =>
        Decide(runbook, kind, _time.GetUtcNow(), freezeOverride);

    private GateDecision.Frozen? Freeze(DateTimeOffset at, bool freezeOverride) =>
        !freezeOverride && _calendar.FreezeAt(at) is { } active
            ? new GateDecision.Frozen(active.Freeze.Name, active.Freeze.Reason, active.Until)
            : null;

    private static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
