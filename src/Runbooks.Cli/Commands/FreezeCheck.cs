using Runbooks.Core.Model;
using Runbooks.Core.Scheduling;

namespace Runbooks.Cli.Commands;

/// <summary>
/// A manual run during a change freeze: refused with the freeze's name, reason and end, unless the operator gives
/// <c>--override-freeze "&lt;reason&gt;"</c>, which is then written into the run's trigger so the journal shows who
/// overrode which freeze and why.
/// </summary>
internal static class FreezeCheck
{
    /// <summary>The trigger to record, or null (after printing why) when the run must not start.</summary>
    public static string? Trigger(MaintenanceCalendar calendar, RunbookDefinition runbook, string trigger, string? overrideReason)
    {
        var gate = new ScheduleGate(calendar);
        if (gate.DecideNow(runbook, TriggerKind.Manual) is not GateDecision.Frozen frozen)
        {
            if (overrideReason is not null)
            {
                Console.Error.WriteLine("note: no freeze is in force; --override-freeze changes nothing");
            }
            return trigger;
        }
        var until = frozen.Until.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        if (overrideReason is null)
        {
            Console.Error.WriteLine($"error: freeze '{frozen.Freeze}' is in force until {until} ({frozen.Reason}); nothing ran");
            Console.Error.WriteLine("  to run anyway, give --override-freeze \"<why>\": the reason is recorded with the run");
            return null;
        }
        Console.Error.WriteLine($"warning: overriding freeze '{frozen.Freeze}' ({frozen.Reason}, until {until}): {overrideReason}");
        return $"{trigger} overriding freeze {frozen.Freeze}: {overrideReason}";
    }
}
