using Runbooks.Core.Diagnostics;

namespace Runbooks.Core.Model;

/// <summary>
/// One entry of a runbook's <c>triggers:</c> list: something other than a person that starts the runbook. Each kind
/// (<see cref="ScheduleTrigger"/>, <see cref="AlertTrigger"/>) is its own record, so a new kind adds a type without touching the others.
/// </summary>
public abstract record TriggerDefinition
{
    /// <summary>The trigger's id, unique in the runbook (default <c>&lt;kind&gt;-&lt;n&gt;</c>, counting from 1).</summary>
    public required string Id { get; init; }

    /// <summary>The kind key as written (<c>schedule</c>, <c>alert</c>).</summary>
    public abstract string Kind { get; }

    /// <summary>Where the trigger is declared.</summary>
    public SourceSpan Span { get; init; }

    /// <summary>The key path, e.g. <c>triggers[0].schedule</c>.</summary>
    public string Path { get; init; } = "";
}
