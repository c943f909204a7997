using Runbooks.Core.Diagnostics;

namespace Runbooks.Core.Model;

/// <summary>
/// Which machines a runbook acts on. <c>local</c> (the default) runs on the machine running Runbooks.
/// Hosts, groups and label selectors resolve against the inventory; every selected host must exist there.
/// </summary>
public sealed record TargetsDefinition
{
    /// <summary>Runs on this machine.</summary>
    public static readonly TargetsDefinition Local = new() { IsLocal = true };

    /// <summary>True for <c>targets: local</c>, and when the runbook has no <c>targets</c>.</summary>
    public bool IsLocal { get; init; }

    /// <summary>
    /// True when the runbook has no <c>targets</c> key: run as a sub-runbook, it runs on its caller's target;
    /// run on its own, on this machine.
    /// </summary>
    public bool IsOmitted { get; init; }

    /// <summary>Host names (templates allowed, e.g. <c>{{ params.host }}</c>).</summary>
    public IReadOnlyList<TemplateValue> Hosts { get; init; } = [];

    /// <summary>Inventory group names.</summary>
    public IReadOnlyList<string> Groups { get; init; } = [];

    /// <summary>A label selector: <c>env=prod,role in (web,api),tier!=db</c>.</summary>
    public string? Selector { get; init; }

    /// <summary>How a fleet is rolled through.</summary>
    public RolloutStrategy Strategy { get; init; } = new();

    /// <summary>Where it is declared.</summary>
    public SourceSpan Span { get; init; }
}
