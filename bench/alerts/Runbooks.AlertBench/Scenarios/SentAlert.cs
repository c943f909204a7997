namespace Runbooks.AlertBench.Scenarios;

/// <summary>
/// One alert as the client saw it (the machine's clock, the same the server writes): the instant just before the POST
/// went out, when the 202 came back, and the run the server said it started (null with the problem otherwise).
/// </summary>
internal sealed record SentAlert(string Fingerprint, DateTimeOffset SentAt, DateTimeOffset AnsweredAt, string? RunId, string? Problem);
