namespace Runbooks.Core.Scheduling;

/// <summary>
/// A named change freeze (<c>Runbooks:Maintenance:Freezes:&lt;name&gt;</c>): while one of its <see cref="Ranges"/> is
/// in force no runbook runs, scheduled, alert-triggered or manual, unless a person overrides it with a reason that
/// is recorded with the run.
/// </summary>
public sealed class MaintenanceFreeze
{
    internal MaintenanceFreeze(string name, string reason, TimeZoneInfo zone, IReadOnlyList<MaintenanceInterval> ranges)
    {
        Name = name;
        Reason = reason;
        TimeZone = zone;
        Ranges = [.. ranges.OrderBy(r => r.Start)];
    }

    /// <summary>The freeze's name, shown to whoever it refuses.</summary>
    public string Name { get; }

    /// <summary>Why runs are frozen, shown with every refusal.</summary>
    public string Reason { get; }

    /// <summary>The zone its times were written in.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>When it is in force, earliest first.</summary>
    public IReadOnlyList<MaintenanceInterval> Ranges { get; }

    /// <summary>The range in force at <paramref name="at"/>, or null.</summary>
    public MaintenanceInterval? IntervalAt(DateTimeOffset at) =>
        Ranges.Where(r => r.Contains(at)).Select(r => (MaintenanceInterval?)r).FirstOrDefault();

    /// <summary>The range in force at <paramref name="at"/>, else the next one, else null.</summary>
    public MaintenanceInterval? CurrentOrNext(DateTimeOffset at) =>
        Ranges.Where(r => r.End > at).Select(r => (MaintenanceInterval?)r).FirstOrDefault();
}
