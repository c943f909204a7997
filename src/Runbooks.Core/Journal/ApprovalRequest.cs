namespace Runbooks.Core.Journal;

/// <summary>An approval gate a run reached: who may approve, how many must, and until when.</summary>
public sealed record ApprovalRequest
{
    /// <summary>The run.</summary>
    public required string RunId { get; init; }

    /// <summary>The approval step's path.</summary>
    public required string StepPath { get; init; }

    /// <summary>Who may decide: user names, and <c>role:&lt;name&gt;</c> for everyone with that role.</summary>
    public required IReadOnlyList<string> Approvers { get; init; }

    /// <summary>How many distinct approvals open the gate.</summary>
    public required int MinApprovals { get; init; }

    /// <summary>What the approvers are asked, rendered (masked).</summary>
    public required string Message { get; init; }

    /// <summary>When the gate was reached.</summary>
    public required DateTimeOffset RequestedAt { get; init; }

    /// <summary>When it times out.</summary>
    public required DateTimeOffset ExpiresAt { get; init; }
}
