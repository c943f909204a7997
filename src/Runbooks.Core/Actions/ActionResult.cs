namespace Runbooks.Core.Actions;

/// <summary>What an action did.</summary>
public sealed record ActionResult
{
    /// <summary>True when the action did what it was asked.</summary>
    public required bool Succeeded { get; init; }

    /// <summary>Structured outputs, read by later steps as <c>steps.&lt;id&gt;.outputs.&lt;name&gt;</c>.</summary>
    public IReadOnlyDictionary<string, object?> Outputs { get; init; } = new Dictionary<string, object?>();

    /// <summary>Why it failed, for people; null on success.</summary>
    public string? Error { get; init; }

    /// <summary>The exit code of a command, if one ran.</summary>
    public int? ExitCode { get; init; }

    /// <summary>Standard output (bounded; a truncation marker says how much was dropped).</summary>
    public string? Stdout { get; init; }

    /// <summary>Standard error (bounded likewise).</summary>
    public string? Stderr { get; init; }

    /// <summary>
    /// The action gave up waiting on its own time limit (e.g. an HTTP request's <c>timeout</c>); recorded as timed out,
    /// like a step timeout.
    /// </summary>
    public bool TimedOut { get; init; }

    /// <summary>
    /// The action may or may not have had its effect (a request sent but no answer: timed out, connection reset). The
    /// engine never retries a non-idempotent step whose outcome is unknown.
    /// </summary>
    public bool OutcomeUnknown { get; init; }

    /// <summary>Whether the action changed the target (false for checks and no-ops).</summary>
    public bool Changed { get; init; }

    /// <summary>
    /// The action cannot finish now and holds nothing while it waits (an approval not decided yet, a long wait): the
    /// engine records the attempt as suspended and parks the run; when resumed, the step is asked again.
    /// </summary>
    public bool Suspended { get; init; }

    /// <summary>For a suspended action: when to look again even if nothing happens (a timeout, the end of a wait).</summary>
    public DateTimeOffset? WakeAt { get; init; }

    /// <summary>A suspension with what it waits for.</summary>
    public static ActionResult Suspend(string waitingFor, DateTimeOffset? wakeAt) =>
        new() { Succeeded = false, Suspended = true, Error = waitingFor, WakeAt = wakeAt };

    /// <summary>A success with outputs.</summary>
    public static ActionResult Success(IReadOnlyDictionary<string, object?> outputs, bool changed = false) =>
        new() { Succeeded = true, Outputs = outputs, Changed = changed };

    /// <summary>A failure with a reason and optional outputs.</summary>
    public static ActionResult Failure(string error, IReadOnlyDictionary<string, object?>? outputs = null) =>
        new() { Succeeded = false, Error = error, Outputs = outputs ?? new Dictionary<string, object?>() };
}
