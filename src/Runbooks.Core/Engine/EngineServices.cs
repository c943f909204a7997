using Runbooks.Core.Actions;
using Runbooks.Core.Execution;
using Runbooks.Core.Journal;
using Runbooks.Core.Secrets;
using Runbooks.Core.Templates;
using Runbooks.Core.Validation;
using Serilog;

namespace Runbooks.Core.Engine;

/// <summary>What the engine runs against. One instance serves every run; everything in it is thread-safe.</summary>
public sealed record EngineServices
{
    /// <summary>The actions steps may use.</summary>
    public required ActionRegistry Actions { get; init; }

    /// <summary>The sandboxed template engine.</summary>
    public required ITemplateEngine Templates { get; init; }

    /// <summary>Where every state change is recorded.</summary>
    public required IRunJournal Journal { get; init; }

    /// <summary>Executors per target.</summary>
    public required ITargetExecutorFactory Executors { get; init; }

    /// <summary>Loads sub-runbooks (validated, like any runbook).</summary>
    public required RunbookLoader Loader { get; init; }

    /// <summary>The clock. Tests pass a fake one.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Serilog logger; the engine adds RunId, Runbook, StepId, Attempt and Target.</summary>
    public ILogger Log { get; init; } = Serilog.Log.Logger;

    /// <summary>The inventory that hosts, groups and selectors resolve against; null when none is configured.</summary>
    public Inventory.InventoryDefinition? Inventory { get; init; }

    /// <summary>Where <c>secrets.*</c> come from.</summary>
    public ISecretProvider Secrets { get; init; } = new EnvironmentSecretProvider();

    /// <summary>Deepest nesting of sub-runbooks. Default 8.</summary>
    public int MaxRunbookDepth { get; init; } = 8;

    /// <summary>Bytes of stdout/stderr kept per attempt. Default 64 KiB.</summary>
    public int MaxOutputBytes { get; init; } = 64 * 1024;

    /// <summary>Random numbers for retry jitter; tests may fix the seed.</summary>
    public Func<double> Random { get; init; } = System.Random.Shared.NextDouble;
}
