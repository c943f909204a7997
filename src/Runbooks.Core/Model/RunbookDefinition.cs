using Runbooks.Core.Diagnostics;

namespace Runbooks.Core.Model;

/// <summary>A parsed and validated runbook. Immutable: one instance is one version (see <see cref="ContentHash"/>).</summary>
public sealed record RunbookDefinition
{
    /// <summary>The runbook's name (lowercase, digits and dashes).</summary>
    public required string Name { get; init; }

    /// <summary>What it does, for people.</summary>
    public string? Description { get; init; }

    /// <summary>The author's version label, e.g. <c>1.2.0</c>.</summary>
    public string? Version { get; init; }

    /// <summary>Tags for search and grouping.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];

    /// <summary>Typed parameters, in declaration order.</summary>
    public IReadOnlyList<ParameterDefinition> Parameters { get; init; } = [];

    /// <summary>Where it runs.</summary>
    public TargetsDefinition Targets { get; init; } = TargetsDefinition.Local;

    /// <summary>What starts the runbook besides a person (<c>triggers:</c>), in declaration order.</summary>
    public IReadOnlyList<TriggerDefinition> Triggers { get; init; } = [];

    /// <summary>The steps, in order.</summary>
    public IReadOnlyList<StepDefinition> Steps { get; init; } = [];

    /// <summary>Steps run when the run fails.</summary>
    public IReadOnlyList<StepDefinition> OnFailure { get; init; } = [];

    /// <summary>Steps run at the end whatever happened (after <see cref="OnFailure"/>), even when cancelled.</summary>
    public IReadOnlyList<StepDefinition> Finally { get; init; } = [];

    /// <summary>The run's outputs, rendered when the main steps succeed.</summary>
    public IReadOnlyList<KeyValuePair<string, TemplateValue>> Outputs { get; init; } = [];

    /// <summary>The file it was read from, or a label.</summary>
    public required string SourcePath { get; init; }

    /// <summary>SHA-256 of the file's bytes (hex): which exact version ran.</summary>
    public required string ContentHash { get; init; }

    /// <summary>
    /// The file's text, kept so the journal can store the exact version a run used: a run resumed after a restart
    /// (or approved a day later) goes on with the runbook it started with, not with whatever the file says now.
    /// </summary>
    public string? Source { get; init; }

    /// <summary>Where the document starts.</summary>
    public SourceSpan Span { get; init; }

    /// <summary>A parameter by name, or null.</summary>
    public ParameterDefinition? Parameter(string name) =>
        Parameters.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));

    /// <summary>Every step, nested ones included, in document order.</summary>
    public IEnumerable<StepDefinition> AllSteps()
    {
        foreach (var list in new[] { Steps, OnFailure, Finally, Targets.Strategy.HealthCheck })
        {
            foreach (var step in Flatten(list))
            {
                yield return step;
            }
        }
    }

    private static IEnumerable<StepDefinition> Flatten(IReadOnlyList<StepDefinition> steps)
    {
        foreach (var step in steps)
        {
            yield return step;
            foreach (var inner in Flatten(step.Steps))
            {
                yield return inner;
            }
            foreach (var handler in Flatten(step.OnFailure))
            {
                yield return handler;
            }
        }
    }
}
