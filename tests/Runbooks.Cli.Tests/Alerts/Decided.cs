namespace Runbooks.Cli.Tests.Alerts;

/// <summary>One row of <c>GET /api/v1/alerts/decisions</c>.</summary>
internal sealed record Decided(long Seq, long AlertSeq, string Fingerprint, string Kind, string Reason, string? Runbook, string? RunId, IReadOnlyList<string> Targets);
