using System.Globalization;
using Runbooks.Core.Actions;
using Runbooks.Core.Shapes;

namespace Runbooks.Actions.Approval;

/// <summary>
/// A gate: the run suspends here — holding no worker, no thread, no memory — until enough approvers approve
/// (<c>runbooks runs approve</c>), one rejects, or the timeout passes. The decision is in the journal, so it survives
/// restarts of every process; nothing after the gate runs before it opens. One decision covers every host of the run
/// that reaches the gate.
/// </summary>
internal sealed class ApprovalAction : IRunbookAction
{
    public ActionDescriptor Descriptor { get; } = new()
    {
        Name = "approval",
        Category = "Flow",
        Description = "Suspends the run until approvers approve it (runbooks runs approve), one rejects it, or it times out.",
        Inputs = ValueShape.Object(
            "Who approves, how many, how long.",
            new("approvers", ValueShape.List("User names, and role:<name> for everyone with that role (Runbooks:Approvals:Roles).", ValueShape.String("A user or role:<name>.")), Required: true),
            new("minApprovals", ValueShape.Int("Distinct approvals needed to go on.") with { Default = 1L }),
            new("timeout", ValueShape.Duration("How long to wait for the decision.") with { Default = "24h" }),
            new("onTimeout", ValueShape.Enum("What happens when nobody decides in time: fail the step, or skip it and go on.", "fail", "skip") with { Default = "fail" }),
            new("message", ValueShape.String("What the approvers are asked (shown by runbooks runs show).") with { Default = "approve to continue" })),
        Outputs =
        [
            new("approved", ValueShape.Bool("True when approved; false when timed out with onTimeout: skip.")),
            new("approvedBy", ValueShape.List("Who approved.", ValueShape.String("A name."))),
            new("comments", ValueShape.List("Each decision as 'name: comment'.", ValueShape.String("A comment."))),
        ],
        IdempotentByDefault = true,
        IsInstant = true,
    };

    public async Task<ActionResult> ExecuteAsync(ActionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var inputs = context.Inputs;
        var approvers = inputs.GetStringList("approvers");
        var min = (int)inputs.GetInt("minApprovals", 1);
        if (approvers.Count == 0 || min < 1)
        {
            return ActionResult.Failure($"an approval needs at least one approver and minApprovals of 1 or more (approvers: {approvers.Count}, minApprovals: {min})");
        }
        var gate = new ApprovalGate(approvers, min, inputs.GetDuration("timeout", TimeSpan.FromHours(24)), inputs.GetString("message") ?? "approve to continue");
        var decision = await context.Host.ApprovalAsync(gate, context, cancellationToken);
        var comments = decision.Decisions.Select(d => (object?)$"{d.By}: {d.Comment}").ToList();
        var approvedBy = decision.Decisions.Where(d => d.Approved).Select(d => (object?)d.By).ToList();
        Dictionary<string, object?> Outputs(bool approved) => new(StringComparer.Ordinal)
        {
            ["approved"] = approved, ["approvedBy"] = approvedBy, ["comments"] = comments,
        };
        return decision.State switch
        {
            GateState.Approved => ActionResult.Success(Outputs(true)),
            GateState.Rejected => ActionResult.Failure(
                "rejected: " + string.Join("; ", decision.Decisions.Where(d => !d.Approved).Select(d => $"{d.By}: {d.Comment}")), Outputs(false)),
            GateState.TimedOut when inputs.GetString("onTimeout") == "skip" => ActionResult.Success(Outputs(false)),
            GateState.TimedOut => ActionResult.Failure($"nobody decided by {decision.ExpiresAt.ToString("u", CultureInfo.InvariantCulture)} (timeout); onTimeout is fail", Outputs(false)),
            _ => ActionResult.Suspend(
                $"waiting for {min} approval(s) from {string.Join(", ", approvers)} ({approvedBy.Count} so far) until {decision.ExpiresAt.ToString("u", CultureInfo.InvariantCulture)}: {context.Secrets.Apply(gate.Message)}",
                decision.ExpiresAt),
        };
    }

    public string Describe(ActionInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return $"wait for {inputs.GetInt("minApprovals", 1)} approval(s) from {string.Join(", ", inputs.GetStringList("approvers"))} " +
            $"for at most {DurationParser.Format(inputs.GetDuration("timeout", TimeSpan.FromHours(24)))} (then {inputs.GetString("onTimeout") ?? "fail"}): {inputs.GetString("message")}";
    }
}
