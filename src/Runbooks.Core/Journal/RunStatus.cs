namespace Runbooks.Core.Journal;

/// <summary>Where a run stands.</summary>
public enum RunStatus
{
    /// <summary>Accepted, not started.</summary>
    Pending,
    /// <summary>Steps are running.</summary>
    Running,
    /// <summary>Every step succeeded or was skipped, or failed with <c>continueOnError</c>.</summary>
    Succeeded,
    /// <summary>A step failed; failure handlers and <c>finally</c> ran.</summary>
    Failed,
    /// <summary>Cancelled by a person (Ctrl+C, API); <c>finally</c> ran.</summary>
    Cancelled,
    /// <summary>
    /// Waiting for a worker: queued and not picked up yet, or handed back by a worker that stopped (shutdown, crash).
    /// Any worker continues it; steps that finished are not repeated.
    /// </summary>
    Queued,
    /// <summary>
    /// Needs a person: a step that is not idempotent started and its end is not known (the worker died while it ran).
    /// Nothing runs until someone checks the host and resumes it (<c>runbooks runs resume</c>, docs/guarantees.md).
    /// </summary>
    InDoubt,
    /// <summary>Parked at an approval gate or a long wait; holds no worker. Resumes when decided or when the time comes.</summary>
    Suspended,
}
