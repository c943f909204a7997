namespace Runbooks.Core.Scheduling;

/// <summary>
/// How a new <see cref="ScheduleCatalog"/> differs from the one before: what to register, re-register and remove.
/// A runbook that was deleted, renamed or became invalid has its schedules in <see cref="Removed"/>.
/// </summary>
/// <param name="Added">Schedules that are new.</param>
/// <param name="Updated">Schedules whose runbook file or settings changed.</param>
/// <param name="Removed">Ids of schedules that are gone.</param>
/// <param name="Unchanged">Schedules exactly as before.</param>
public sealed record ScheduleCatalogChanges(
    IReadOnlyList<ScheduleEntry> Added,
    IReadOnlyList<ScheduleEntry> Updated,
    IReadOnlyList<string> Removed,
    IReadOnlyList<ScheduleEntry> Unchanged);
