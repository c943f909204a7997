namespace Runbooks.Storage;

/// <summary>Run counts for metrics: by (runbook, status, trigger kind), and queued runs per queue.</summary>
public sealed record RunCounts(IReadOnlyDictionary<(string Runbook, string Status, string Trigger), long> Runs, IReadOnlyDictionary<string, long> Queued);
