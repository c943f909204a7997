using Runbooks.Core.Actions;
using Runbooks.Core.Execution;

namespace Runbooks.Actions.Tests.TestSupport;

/// <summary>Stands in for the engine where an action composes others: records calls, answers from scripts.</summary>
internal sealed class FakeActionHost : IActionHost
{
    public List<(string Action, IReadOnlyDictionary<string, object?> Inputs)> ActionCalls { get; } = [];

    public List<(string Path, IReadOnlyDictionary<string, object?> Parameters)> SubRunbookCalls { get; } = [];

    /// <summary>Answers probes in order; the last answer repeats.</summary>
    public Queue<ActionResult> ProbeResults { get; } = new();

    public ActionResult SubRunbookResult { get; set; } = ActionResult.Success(new Dictionary<string, object?>());

    public ITargetExecutor Executor { get; init; } = null!;

    private ActionResult? _last;

    public Task<ActionResult> RunActionAsync(string action, IReadOnlyDictionary<string, object?> inputs, ActionContext parent, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        ActionCalls.Add((action, inputs));
        _last = ProbeResults.Count > 0 ? ProbeResults.Dequeue() : _last ?? ActionResult.Failure("no probe result configured");
        return Task.FromResult(_last);
    }

    public TimeSpan? SuspendWaitsLongerThan { get; set; }

    public DateTimeOffset? FirstStartedAt(string stepPath) => null;

    /// <summary>What <see cref="ApprovalAsync"/> answers.</summary>
    public GateDecision Gate { get; set; } = new(GateState.Waiting, [], DateTimeOffset.UnixEpoch.AddYears(60));

    public Task<GateDecision> ApprovalAsync(ApprovalGate gate, ActionContext parent, CancellationToken cancellationToken) => Task.FromResult(Gate);

    public Task<ActionResult> RunSubRunbookAsync(string path, IReadOnlyDictionary<string, object?> parameters, ActionContext parent, CancellationToken cancellationToken)
    {
        SubRunbookCalls.Add((path, parameters));
        return Task.FromResult(SubRunbookResult);
    }
}
