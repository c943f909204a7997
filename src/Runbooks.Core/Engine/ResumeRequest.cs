using Runbooks.Core.Journal;

namespace Runbooks.Core.Engine;

/// <summary>
/// Continues a run that is already in the journal: queued and never started, handed back by a stopped worker,
/// suspended at a gate, or in doubt. Steps that ended are replayed from <see cref="History"/>, not run again.
/// </summary>
public sealed record ResumeRequest
{
    /// <summary>The run's id (it keeps it).</summary>
    public required string RunId { get; init; }

    /// <summary>When the run first started (or was queued).</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>What the run did so far.</summary>
    public RunHistory History { get; init; } = RunHistory.Empty;

    /// <summary>
    /// An operator's <c>--from &lt;step&gt;</c>: that step (by id or path) and every step after it on each target run
    /// again, whatever the journal says — the way out of an in-doubt step the operator wants repeated.
    /// </summary>
    public string? From { get; init; }

    /// <summary>
    /// An operator's <c>--skip &lt;step&gt;</c>: these steps (by id or path), if they did not succeed, are recorded as
    /// skipped by the operator and the run goes on after them — the way out of an in-doubt step that did its work.
    /// </summary>
    public IReadOnlyList<string> Skip { get; init; } = [];

    /// <summary>Who resumes it (<c>cli:alice</c>, <c>worker:host-1</c>), for the journal.</summary>
    public required string ResumedBy { get; init; }

    /// <summary>Why, for the journal (<c>worker died</c>, <c>approved</c>, an operator's comment).</summary>
    public string Reason { get; init; } = "resumed";

    /// <summary>Whether a step reference (<c>--from</c>/<c>--skip</c>) names this step.</summary>
    internal static bool Names(string reference, string stepId, string path) =>
        string.Equals(reference, path, StringComparison.Ordinal) || string.Equals(reference, stepId, StringComparison.Ordinal);
}
