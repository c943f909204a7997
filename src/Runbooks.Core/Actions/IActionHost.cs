using Runbooks.Core.Execution;

namespace Runbooks.Core.Actions;

/// <summary>What the engine offers to actions that compose others: <c>wait</c> probes and <c>runbook</c> calls.</summary>
public interface IActionHost
{
    /// <summary>Runs another action with already-rendered inputs on the same target (a <c>wait.until</c> probe).</summary>
    Task<ActionResult> RunActionAsync(string action, IReadOnlyDictionary<string, object?> inputs, ActionContext parent, CancellationToken cancellationToken);

    /// <summary>Runs a sub-runbook to completion as a child of the current run; returns its outputs or failure.</summary>
    Task<ActionResult> RunSubRunbookAsync(string path, IReadOnlyDictionary<string, object?> parameters, ActionContext parent, CancellationToken cancellationToken);

    /// <summary>
    /// Asks the run's approval gate at the current step: the first time, records the request (in the journal, with its
    /// timeout); later (after a resume), reads the decisions recorded since. A dry-run never waits.
    /// </summary>
    Task<GateDecision> ApprovalAsync(ApprovalGate gate, ActionContext parent, CancellationToken cancellationToken);

    /// <summary>
    /// On a worker: waits longer than this suspend the run instead of holding a thread (null: never — a run in the
    /// foreground of <c>runbooks run</c> waits in place).
    /// </summary>
    TimeSpan? SuspendWaitsLongerThan { get; }

    /// <summary>When the current step's first attempt in this run started (before a suspension), or null when this is it.</summary>
    DateTimeOffset? FirstStartedAt(string stepPath);

    /// <summary>Lets a composed action raise a <c>http.check</c>-style probe with the parent's executor.</summary>
    ITargetExecutor Executor { get; }
}
