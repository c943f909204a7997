namespace Runbooks.Storage;

/// <summary>A paused schedule: who paused it, when and why.</summary>
public sealed record SchedulePause(string ScheduleId, string PausedBy, DateTimeOffset PausedAt, string Reason);
