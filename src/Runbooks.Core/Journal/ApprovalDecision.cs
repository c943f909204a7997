namespace Runbooks.Core.Journal;

/// <summary>One person's decision at an approval gate, as recorded (<c>runbooks runs approve|reject</c>).</summary>
/// <param name="RunId">The run.</param>
/// <param name="StepPath">The approval step's path; one decision covers every host that reaches the gate.</param>
/// <param name="By">Who decided (their user or API key name).</param>
/// <param name="Approved">True to approve, false to reject.</param>
/// <param name="Comment">Why; required.</param>
/// <param name="At">When it was recorded.</param>
public sealed record ApprovalDecision(string RunId, string StepPath, string By, bool Approved, string Comment, DateTimeOffset At);
