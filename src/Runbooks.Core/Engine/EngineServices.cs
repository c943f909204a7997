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

    /// <summary>
    /// One run at a time per host (docs/locks.md): every run takes a host's lock before its first step there and holds
    /// it until its last. Null: no locking (tests of the engine alone).
    /// </summary>
    public Locks.ITargetLocks? Locks { get; init; }

    /// <summary>How long a run waits for a host another run holds before that host fails with who holds it.</summary>
    public TimeSpan LockWaitTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>This process's name in lock holders and journal ownership (<c>worker:host:pid</c>).</summary>
    public string WorkerName { get; init; } = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>
    /// Workers set this: a <c>wait</c> longer than it suspends the run (no thread, no memory) and resumes when the time
    /// comes. Null (the CLI): waits are held in place.
    /// </summary>
    public TimeSpan? SuspendWaitsLongerThan { get; init; }

    /// <summary>Deepest nesting of sub-runbooks. Default 8.</summary>
    public int MaxRunbookDepth { get; init; } = 8;

    /// <summary>Bytes of stdout/stderr kept per attempt. Default 64 KiB.</summary>
    public int MaxOutputBytes { get; init; } = 64 * 1024;

    /// <summary>Random numbers for retry jitter; tests may fix the seed.</summary>
    public Func<double> Random { get; init; } = System.Random.Shared.NextDouble;
}
