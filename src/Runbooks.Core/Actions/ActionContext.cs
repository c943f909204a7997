using Runbooks.Core.Execution;
using Runbooks.Core.Secrets;
using Serilog;

namespace Runbooks.Core.Actions;

/// <summary>What an action sees while it runs: its inputs, the target's executor, time, logging and the engine.</summary>
public sealed class ActionContext
{
    /// <summary>The rendered, checked inputs.</summary>
    public required ActionInputs Inputs { get; init; }

    /// <summary>Runs commands on the step's target.</summary>
    public required ITargetExecutor Executor { get; init; }

    /// <summary>The clock; tests use a fake one.</summary>
    public required TimeProvider Time { get; init; }

    /// <summary>A logger already carrying RunId, Runbook, StepId, Attempt and Target.</summary>
    public required ILogger Log { get; init; }

    /// <summary>Masks the run's secrets; apply it to anything an action reports that could echo a secret.</summary>
    public required SecretMasker Secrets { get; init; }

    /// <summary>Engine services for actions that run other actions or runbooks.</summary>
    public required IActionHost Host { get; init; }

    /// <summary>The run's id.</summary>
    public required string RunId { get; init; }

    /// <summary>The step's id.</summary>
    public required string StepId { get; init; }

    /// <summary>The step's unique path in the run (<c>gate</c>, <c>each[2]/gate</c>); empty for probes.</summary>
    public string StepPath { get; init; } = "";

    /// <summary>The runbook file the step belongs to (sub-runbook paths are relative to it).</summary>
    public required string RunbookPath { get; init; }
}
