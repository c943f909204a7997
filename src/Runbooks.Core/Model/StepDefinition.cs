using Runbooks.Core.Diagnostics;

namespace Runbooks.Core.Model;

/// <summary>One step of a runbook, as written and validated.</summary>
public sealed record StepDefinition
{
    /// <summary>Unique id across the whole runbook (lowercase letters, digits, <c>-</c> and <c>_</c>).</summary>
    public required string Id { get; init; }

    /// <summary>A human title, or null.</summary>
    public string? Name { get; init; }

    /// <summary>What the step does.</summary>
    public StepKind Kind { get; init; } = StepKind.Action;

    /// <summary>The action name (e.g. <c>shell</c>) for action steps and forEach-over-an-action; null otherwise.</summary>
    public string? Action { get; init; }

    /// <summary>Where the action name is written.</summary>
    public SourceSpan ActionSpan { get; init; }

    /// <summary>The action's inputs.</summary>
    public MapValue? With { get; init; }

    /// <summary>An expression; the step is skipped when it is false.</summary>
    public string? If { get; init; }

    /// <summary>Where the <c>if</c> expression is written.</summary>
    public SourceSpan IfSpan { get; init; }

    /// <summary>The retry policy, or null for a single attempt.</summary>
    public RetryPolicy? Retry { get; init; }

    /// <summary>Time limit per attempt, or null for the action's own limit.</summary>
    public TimeSpan? Timeout { get; init; }

    /// <summary>When true, a failure is recorded but the run goes on.</summary>
    public bool ContinueOnError { get; init; }

    /// <summary>
    /// Whether running the step twice is harmless. Null takes the action's own default. A non-idempotent step that
    /// started but did not finish is never re-run automatically.
    /// </summary>
    public bool? Idempotent { get; init; }

    /// <summary>Outputs computed after success from <c>result</c>; they join the action's own outputs.</summary>
    public IReadOnlyList<KeyValuePair<string, TemplateValue>> Outputs { get; init; } = [];

    /// <summary>For <see cref="StepKind.ForEach"/>: the loop.</summary>
    public ForEachDefinition? ForEach { get; init; }

    /// <summary>Nested steps: the body of a forEach block, or the branches of a parallel group.</summary>
    public IReadOnlyList<StepDefinition> Steps { get; init; } = [];

    /// <summary>Steps run when this step fails (after its retries).</summary>
    public IReadOnlyList<StepDefinition> OnFailure { get; init; } = [];

    /// <summary>Where the step is declared.</summary>
    public SourceSpan Span { get; init; }

    /// <summary>The key path, e.g. <c>steps[2]</c>.</summary>
    public string Path { get; init; } = "";
}
