namespace Runbooks.AlertBench.Scenarios;

/// <summary>Storm alerts the server did not accept with a 202 and a run: how many, the first answer, and serve's first error events.</summary>
internal sealed record Refusals(int Count, string First, string ServerLog);
