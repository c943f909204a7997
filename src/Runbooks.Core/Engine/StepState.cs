using Runbooks.Core.Journal;

namespace Runbooks.Core.Engine;

/// <summary>What templates read as <c>steps.&lt;id&gt;</c>: status, outputs, error, attempts, changed, durationMs.</summary>
internal static class StepState
{
    public static IReadOnlyDictionary<string, object?> From(StepResult result) => new StepStateView(result);

    public static string Name(StepStatus status) => status switch
    {
        StepStatus.TimedOut => "timedOut",
        _ => status.ToString().ToLowerInvariant(),
    };
}
