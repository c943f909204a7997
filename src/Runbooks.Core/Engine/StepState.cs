using Runbooks.Core.Journal;

namespace Runbooks.Core.Engine;

/// <summary>What templates read as <c>steps.&lt;id&gt;</c>: status, outputs, error, attempts, changed, durationMs.</summary>
internal static class StepState
{
    public static IReadOnlyDictionary<string, object?> From(StepResult result) => new Dictionary<string, object?>(6, StringComparer.Ordinal)
    {
        ["status"] = Name(result.Status),
        ["outputs"] = result.Outputs,
        ["error"] = result.Error,
        ["attempts"] = (long)result.Attempts,
        ["changed"] = result.Changed,
        ["durationMs"] = (long)result.Duration.TotalMilliseconds,
    };

    public static string Name(StepStatus status) => status switch
    {
        StepStatus.TimedOut => "timedOut",
        _ => status.ToString().ToLowerInvariant(),
    };
}
