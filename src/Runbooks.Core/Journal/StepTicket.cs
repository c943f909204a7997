namespace Runbooks.Core.Journal;

/// <summary>
/// Proof that an attempt's start was recorded. Its <see cref="FencingToken"/> is checked when the outcome is
/// written: a durable journal rejects an outcome whose token was superseded (another worker took the run over).
/// </summary>
/// <param name="Start">The recorded start.</param>
/// <param name="FencingToken">A number that only grows per run.</param>
public sealed record StepTicket(StepAttemptStart Start, long FencingToken);
