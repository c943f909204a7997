using Runbooks.Core.Journal;

namespace Runbooks.Storage.Tests;

/// <summary>Journal records as the engine writes them.</summary>
internal static class JournalSamples
{
    public static readonly DateTimeOffset T0 = new(2026, 12, 1, 3, 0, 0, TimeSpan.Zero);

    public static RunRecord Run(string id, string runbook = "restart-nginx", string? parent = null, DateTimeOffset? at = null) => new()
    {
        RunId = id,
        ParentRunId = parent,
        Runbook = runbook,
        ContentHash = "sha256:0f1e2d",
        Trigger = "cli:alice",
        Parameters = new Dictionary<string, object?>
        {
            ["host"] = "web-1", ["port"] = 8080L, ["ratio"] = 0.25, ["force"] = true, ["token"] = "***",
            ["list"] = new List<object?> { "a", 2L }, ["map"] = new Dictionary<string, object?> { ["k"] = null },
        },
        Targets = ["web-1", "web-2"],
        StartedAt = at ?? T0,
    };

    public static StepAttemptStart Start(string runId, string path = "restart", string target = "web-1", int attempt = 1, bool idempotent = false) => new()
    {
        RunId = runId,
        StepPath = path,
        StepId = path.Split('/')[^1],
        Target = target,
        Attempt = attempt,
        Action = "service.restart",
        Idempotent = idempotent,
        Description = "run: systemctl restart nginx",
        StartedAt = T0.AddSeconds(1),
    };

    public static StepAttemptOutcome Succeeded(DateTimeOffset? at = null) => new()
    {
        Status = StepStatus.Succeeded,
        EndedAt = at ?? T0.AddSeconds(3),
        ExitCode = 0,
        Stdout = "restarted\n",
        Stderr = "",
        Outputs = new Dictionary<string, object?> { ["active"] = true, ["mainPid"] = 4242L },
        Changed = true,
    };
}
