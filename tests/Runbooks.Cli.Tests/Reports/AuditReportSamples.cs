using Runbooks.Storage;

namespace Runbooks.Cli.Tests.Reports;

/// <summary>Journal documents of audit runs, as <c>JournalStore.GetRunAsync</c> reads them back.</summary>
internal static class AuditReportSamples
{
    public static readonly DateTimeOffset T0 = new(2026, 12, 1, 3, 0, 0, TimeSpan.Zero);

    public static StoredRun Run(params string[] targets) => new()
    {
        RunId = "run-1",
        Runbook = "sshd-hardening-audit",
        ContentHash = "abc123",
        Trigger = "schedule:weekly",
        Parameters = new Dictionary<string, object?>(),
        Targets = targets,
        Status = "succeeded",
        StartedAt = T0,
        EndedAt = T0.AddSeconds(5),
    };

    public static RunDocument Document(StoredRun run, params StoredAttempt[] attempts) => new()
    {
        Run = run, Attempts = attempts, Skips = [], Events = [], ChildRunIds = [],
    };

    public static StoredAttempt Finding(string target, string path, string check, bool pass, object? actual, string op, object? expected,
        string severity = "medium", string? remediation = null, int attempt = 1) => new()
    {
        StepPath = path, StepId = path.Split('/')[^1].Split('[')[0], Target = target, Attempt = attempt, Action = "audit.check",
        Idempotent = true, FencingToken = 1, Status = "succeeded", StartedAt = T0.AddSeconds(1), EndedAt = T0.AddSeconds(1),
        Outputs = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["check"] = check, ["pass"] = pass, ["severity"] = severity, ["actual"] = actual, ["expected"] = expected,
            ["operator"] = op, ["remediation"] = remediation, ["message"] = "…",
        },
    };

    public static StoredAttempt Errored(string target, string path, string error, int attempt = 1) => new()
    {
        StepPath = path, StepId = path, Target = target, Attempt = attempt, Action = "audit.check", Idempotent = true, FencingToken = 1,
        Status = "failed", StartedAt = T0.AddSeconds(1), EndedAt = T0.AddSeconds(1), Error = error,
    };

    public static StoredAttempt Other(string target, string path) => new()
    {
        StepPath = path, StepId = path, Target = target, Attempt = 1, Action = "ssh.command", Idempotent = true, FencingToken = 1,
        Status = "succeeded", StartedAt = T0, EndedAt = T0, Outputs = new Dictionary<string, object?> { ["pass"] = false },
    };
}
