namespace Runbooks.Core.Journal;

/// <summary>
/// Written to the journal before a step attempt acts (write-ahead), so that after a crash it is known that the
/// attempt may have had an effect.
/// </summary>
public sealed record StepAttemptStart
{
    /// <summary>The run.</summary>
    public required string RunId { get; init; }

    /// <summary>The step's unique path in the run: <c>check</c>, <c>restart[2]</c>, <c>each[1]/verify</c>, <c>onFailure/page</c>.</summary>
    public required string StepPath { get; init; }

    /// <summary>The step's id as written.</summary>
    public required string StepId { get; init; }

    /// <summary>The target name.</summary>
    public required string Target { get; init; }

    /// <summary>1-based attempt number.</summary>
    public required int Attempt { get; init; }

    /// <summary>The action, or the control-flow kind (<c>forEach</c>, <c>parallel</c>).</summary>
    public required string Action { get; init; }

    /// <summary>Whether a repeat is harmless.</summary>
    public required bool Idempotent { get; init; }

    /// <summary>What it is about to do (the action's own description of its rendered inputs), secrets masked.</summary>
    public string? Description { get; init; }

    /// <summary>When it started.</summary>
    public required DateTimeOffset StartedAt { get; init; }
}
