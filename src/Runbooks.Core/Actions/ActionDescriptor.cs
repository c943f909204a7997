using Runbooks.Core.Shapes;

namespace Runbooks.Core.Actions;

/// <summary>
/// Everything the validator, the JSON Schema, <c>runbooks actions</c> and the designer know about an action.
/// Declared once, by the action.
/// </summary>
public sealed record ActionDescriptor
{
    /// <summary>The name used in <c>action:</c>, e.g. <c>http.check</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The designer's palette group, e.g. <c>Command</c>, <c>HTTP</c>, <c>Flow</c>.</summary>
    public required string Category { get; init; }

    /// <summary>One sentence: what it does.</summary>
    public required string Description { get; init; }

    /// <summary>The inputs (<c>with:</c>), as an object shape: unknown keys are errors.</summary>
    public required ValueShape Inputs { get; init; }

    /// <summary>The outputs every successful run of the action produces.</summary>
    public IReadOnlyList<FieldShape> Outputs { get; init; } = [];

    /// <summary>Whether running it twice is harmless unless a step says otherwise.</summary>
    public bool IdempotentByDefault { get; init; }

    /// <summary>Names of inputs that are shell strings: interpolating untrusted values there needs <c>shell.quote</c>.</summary>
    public IReadOnlyList<string> ShellStringInputs { get; init; } = [];

    /// <summary>Names of inputs that are argument arrays: each element is one argv entry, never split by a shell.</summary>
    public IReadOnlyList<string> ArgvInputs { get; init; } = [];

    /// <summary>
    /// True for actions that finish at once without I/O (<c>set</c>, <c>log</c>, <c>assert</c>): their start is logged
    /// at Debug (the journal still records it), so the timeline shows one line for them instead of two.
    /// </summary>
    public bool IsInstant { get; init; }

    /// <summary>
    /// True for actions that change nothing outside the run and write nothing to the journal themselves (<c>set</c>,
    /// <c>log</c>, <c>assert</c>, <c>audit.check</c>): the engine records each attempt once, when it ended, instead of an
    /// intent before it and an outcome after. There is nothing a crash in between could have done that running the step
    /// again would repeat, so the write-ahead intent buys nothing, and one journal write per step is saved.
    /// </summary>
    public bool HasNoEffects { get; init; }

    /// <summary>
    /// A typical step using the action, as YAML (a list item starting with <c>- id:</c>), shown in docs/actions.md and
    /// by <c>runbooks actions</c>; null for none.
    /// </summary>
    public string? Example { get; init; }

    /// <summary>Default time limit per attempt when a step sets none; null for none.</summary>
    public TimeSpan? DefaultTimeout { get; init; }
}
