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
}
