namespace Runbooks.Storage;

/// <summary>One ended step attempt, for the step duration histogram: which runbook and action, how it ended, how long it took.</summary>
public sealed record StepDuration(string Runbook, string Action, string Status, double Seconds, DateTimeOffset EndedAt);
