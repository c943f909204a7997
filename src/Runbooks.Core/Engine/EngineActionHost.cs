using Runbooks.Core.Actions;
using Runbooks.Core.Execution;
using Runbooks.Core.Journal;
using Runbooks.Core.Validation;

namespace Runbooks.Core.Engine;

/// <summary>Lets <c>wait</c> run probe actions and <c>runbook</c> run sub-runbooks through the engine.</summary>
internal sealed class EngineActionHost(RunContext run, RunEngine engine) : IActionHost
{
    public ITargetExecutor Executor => run.Executor;

    public async Task<ActionResult> RunActionAsync(string action, IReadOnlyDictionary<string, object?> inputs, ActionContext parent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parent);
        if (!run.Services.Actions.TryGet(action, out var probe))
        {
            return ActionResult.Failure($"unknown action '{action}'{Suggestions.Hint(action, run.Services.Actions.Names)}");
        }
        if (InputValues.CoerceObject(probe.Descriptor.Inputs, inputs, $"{action}.with", out var coerced) is { } error)
        {
            return ActionResult.Failure(run.Masker.Apply(error));
        }
        var context = new ActionContext
        {
            Inputs = new ActionInputs((IReadOnlyDictionary<string, object?>)coerced!), Executor = parent.Executor, Time = parent.Time,
            Log = parent.Log, Secrets = parent.Secrets, Host = this, RunId = parent.RunId, StepId = parent.StepId, RunbookPath = parent.RunbookPath,
        };
        return await probe.ExecuteAsync(context, cancellationToken);
    }

    public TimeSpan? SuspendWaitsLongerThan => run.Services.SuspendWaitsLongerThan;

    public DateTimeOffset? FirstStartedAt(string stepPath) => run.Request.Resume?.History.FirstStarted(run.Target.Name, stepPath);

    public async Task<GateDecision> ApprovalAsync(ApprovalGate gate, ActionContext parent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentNullException.ThrowIfNull(parent);
        var history = run.Request.Resume?.History;
        var now = run.Now;
        var path = parent.StepPath;
        if (history?.Gates.TryGetValue(path, out var reached) != true || reached is null)
        {
            reached = new ApprovalRequest
            {
                RunId = run.RunId, StepPath = path, Approvers = gate.Approvers, MinApprovals = gate.MinApprovals,
                Message = run.Masker.Apply(gate.Message), RequestedAt = now, ExpiresAt = now + gate.Timeout,
            };
            await run.Services.Journal.ApprovalRequestedAsync(reached, CancellationToken.None);
        }
        var decisions = history?.Decisions.Where(d => d.StepPath == path).ToList() ?? [];
        var state = decisions.Any(d => !d.Approved) ? GateState.Rejected
            : decisions.Count(d => d.Approved) >= reached.MinApprovals ? GateState.Approved
            : now >= reached.ExpiresAt ? GateState.TimedOut
            : GateState.Waiting;
        return new GateDecision(state, decisions, reached.ExpiresAt);
    }

    public async Task<ActionResult> RunSubRunbookAsync(string path, IReadOnlyDictionary<string, object?> parameters, ActionContext parent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parent);
        var full = RunbookLoader.ResolveSubRunbookPath(parent.RunbookPath, path);
        var stack = run.Request.CallStack.Count == 0 ? [Path.GetFullPath(run.Runbook.SourcePath)] : run.Request.CallStack;
        if (stack.Contains(full, StringComparer.Ordinal))
        {
            return ActionResult.Failure($"runbooks call each other in a cycle: {string.Join(" → ", stack.Append(full).Select(Path.GetFileName))}");
        }
        if (stack.Count >= run.Services.MaxRunbookDepth)
        {
            return ActionResult.Failure($"sub-runbooks nest deeper than {run.Services.MaxRunbookDepth} levels");
        }
        var loaded = run.Services.Loader.LoadFile(full);
        if (!loaded.IsValid)
        {
            return ActionResult.Failure($"sub-runbook '{path}' is invalid:{Environment.NewLine}{string.Join(Environment.NewLine, loaded.Diagnostics)}");
        }
        var child = await engine.RunAsync(new RunRequest
        {
            Runbook = loaded.Runbook!,
            Parameters = parameters,
            Trigger = $"runbook:{run.Runbook.Name}/{parent.StepId}",
            ParentRunId = run.RunId,
            RootRunId = run.Request.RootRunId ?? run.RunId,
            CallStack = [.. stack, full],
            Masker = run.Masker,
            CallerExecutor = parent.Executor,
        }, cancellationToken);
        var outputs = new Dictionary<string, object?>(child.Outputs, StringComparer.Ordinal) { ["runId"] = child.RunId };
        return child.Status == RunStatus.Succeeded
            ? ActionResult.Success(outputs, child.Steps.Any(s => s.Changed))
            : ActionResult.Failure($"sub-runbook '{child.Runbook}' (run {child.RunId}) {child.Status.ToString().ToLowerInvariant()}: {child.Error}", outputs);
    }
}
