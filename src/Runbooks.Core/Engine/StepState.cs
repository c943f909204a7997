using Runbooks.Core.Journal;

namespace Runbooks.Core.Engine;

/// <summary>What templates read as <c>steps.&lt;id&gt;</c>: status, outputs, error, attempts, changed, durationMs.</summary>
internal static class StepState
{
    public static IReadOnlyDictionary<string, object?> From(StepResult result) => new StepStateView(result);

    /// <summary>A status as templates, logs, the CLI and the journal spell it: camelCase (<c>timedOut</c>, <c>inDoubt</c>).</summary>
    public static string Name(StepStatus status) => CamelCase(status.ToString());

    /// <summary>A run status spelled likewise.</summary>
    public static string RunStatusName(RunStatus status) => CamelCase(status.ToString());

    private static string CamelCase(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
