using Runbooks.Core.Diagnostics;

namespace Runbooks.Core.Scheduling;

/// <summary>
/// The maintenance windows and change freezes of an installation, defined once in appsettings.json
/// (<c>Runbooks:Maintenance</c>) and shared by every runbook. Immutable; thread-safe.
/// </summary>
public sealed class MaintenanceCalendar
{
    /// <summary>No windows and no freezes.</summary>
    public static readonly MaintenanceCalendar Empty = new([], []);

    internal MaintenanceCalendar(IReadOnlyList<MaintenanceWindow> windows, IReadOnlyList<MaintenanceFreeze> freezes)
    {
        Windows = windows;
        Freezes = freezes;
    }

    /// <summary>The windows, in the order configured.</summary>
    public IReadOnlyList<MaintenanceWindow> Windows { get; }

    /// <summary>The freezes, in the order configured.</summary>
    public IReadOnlyList<MaintenanceFreeze> Freezes { get; }

    /// <summary>A window by name (exact), or null.</summary>
    public MaintenanceWindow? Window(string name) =>
        Windows.FirstOrDefault(w => string.Equals(w.Name, name, StringComparison.Ordinal));

    /// <summary>
    /// The freeze in force at <paramref name="at"/> (the first configured, when several are) and when runs are free
    /// again: the end of its range, carried on through every freeze range that overlaps or touches it.
    /// </summary>
    public (MaintenanceFreeze Freeze, DateTimeOffset Until)? FreezeAt(DateTimeOffset at)
    {
        var active = Freezes.FirstOrDefault(f => f.IntervalAt(at) is not null);
        if (active is null)
        {
            return null;
        }
        var until = active.IntervalAt(at)!.Value.End;
        var ranges = Freezes.SelectMany(f => f.Ranges).OrderBy(r => r.Start).ToList();
        foreach (var range in ranges)
        {
            if (range.Start <= until && range.End > until)
            {
                until = range.End;
            }
        }
        return (active, until);
    }

    /// <summary>
    /// Reads <c>Runbooks:Maintenance</c> from configuration flattened to key/value pairs (in .NET:
    /// <c>configuration.GetSection("Runbooks:Maintenance").AsEnumerable()</c>). Every problem is reported, each naming
    /// <paramref name="file"/> and the key path; windows and freezes with problems are left out of the calendar.
    /// </summary>
    /// <param name="settings">The pairs; keys are full paths such as <c>Runbooks:Maintenance:Windows:nightly:Cron</c>.</param>
    /// <param name="file">The settings file, for messages.</param>
    /// <param name="section">The section's path (default <c>Runbooks:Maintenance</c>).</param>
    public static MaintenanceSettings Load(IEnumerable<KeyValuePair<string, string?>> settings, string file, string section = "Runbooks:Maintenance")
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(section);
        var diagnostics = new DiagnosticBag();
        var reader = new MaintenanceSettingsReader(file, diagnostics);
        var tree = SettingNode.Build(settings, section);
        var calendar = tree is null ? Empty : reader.Read(tree);
        return new MaintenanceSettings(calendar, diagnostics.Items, tree is not null)
        {
            WindowNames = tree is null ? null : [.. tree.Child("Windows")?.Children.Values.Select(c => c.Key) ?? []],
        };
    }
}
