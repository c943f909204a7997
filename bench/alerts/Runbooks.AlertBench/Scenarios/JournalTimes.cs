namespace Runbooks.AlertBench.Scenarios;

/// <summary>
/// What the journal recorded for one alert's run, all on the server's clock: the alert's receipt (<c>alerts.received_at</c>,
/// taken after the body was read and parsed), the worker's claim (the run's first <c>run.resumed</c> event), the first
/// step attempt's <c>started_at</c> and the run's end.
/// </summary>
internal sealed record JournalTimes(string Fingerprint, DateTimeOffset Received, DateTimeOffset? Claimed, DateTimeOffset? StepStarted, DateTimeOffset? Ended, string Status);
