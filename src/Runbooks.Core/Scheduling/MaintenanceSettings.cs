using Runbooks.Core.Diagnostics;

namespace Runbooks.Core.Scheduling;

/// <summary>What <see cref="MaintenanceCalendar.Load"/> read.</summary>
/// <param name="Calendar">The windows and freezes that are valid.</param>
/// <param name="Problems">Every problem, each with the file and the key path; empty when all is well.</param>
/// <param name="IsConfigured">
/// True when the section exists at all. Only then are schedules' window names checked when runbooks load: without it,
/// a runbook validated on a laptop with no settings would fail for a window the servers define.
/// </param>
public sealed record MaintenanceSettings(MaintenanceCalendar Calendar, IReadOnlyList<Diagnostic> Problems, bool IsConfigured)
{
    /// <summary>True when no problem was found.</summary>
    public bool IsValid => Problems.Count == 0;

    /// <summary>The names of the windows configured (valid or not), for <see cref="Validation.RunbookLoader"/>; null when not configured.</summary>
    public IReadOnlyList<string>? WindowNames { get; init; }
}
