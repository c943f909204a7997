namespace Runbooks.Core.Actions;

/// <summary>An approval gate as a step declares it: who may approve, how many must, for how long it waits.</summary>
/// <param name="Approvers">User names, and <c>role:&lt;name&gt;</c> for everyone with that role (Runbooks:Approvals:Roles).</param>
/// <param name="MinApprovals">Distinct approvals needed; one rejection closes the gate.</param>
/// <param name="Timeout">How long the gate waits from when the run first reached it.</param>
/// <param name="Message">What the approvers are asked.</param>
public sealed record ApprovalGate(IReadOnlyList<string> Approvers, int MinApprovals, TimeSpan Timeout, string Message);

/// <summary>Where a gate stands when the run reaches it (again).</summary>
public enum GateState
{
    /// <summary>Not decided yet: the run suspends and holds nothing until a decision or the timeout.</summary>
    Waiting,
    /// <summary>Approved by enough approvers.</summary>
    Approved,
    /// <summary>Rejected by an approver.</summary>
    Rejected,
    /// <summary>Nobody decided in time.</summary>
    TimedOut,
}

/// <summary>A gate's state with the decisions behind it.</summary>
/// <param name="State">Where it stands.</param>
/// <param name="Decisions">Who decided what, with comments, oldest first.</param>
/// <param name="ExpiresAt">When it times out (or timed out).</param>
public sealed record GateDecision(GateState State, IReadOnlyList<Journal.ApprovalDecision> Decisions, DateTimeOffset ExpiresAt);
