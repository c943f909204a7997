namespace Runbooks.Core.Scheduling;

/// <summary>A span of time a maintenance window is open or a freeze is in force: from <see cref="Start"/> up to, not including, <see cref="End"/>.</summary>
/// <param name="Start">The first instant inside.</param>
/// <param name="End">The first instant after it.</param>
public readonly record struct MaintenanceInterval(DateTimeOffset Start, DateTimeOffset End)
{
    /// <summary>True when <paramref name="at"/> is inside.</summary>
    public bool Contains(DateTimeOffset at) => Start <= at && at < End;
}
