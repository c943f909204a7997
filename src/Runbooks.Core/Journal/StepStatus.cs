namespace Runbooks.Core.Journal;

/// <summary>Where a step (or one attempt of it) stands.</summary>
public enum StepStatus
{
    /// <summary>Not started yet.</summary>
    Pending,
    /// <summary>Started and recorded as started; its outcome is not known yet.</summary>
    Running,
    /// <summary>Did what it was asked.</summary>
    Succeeded,
    /// <summary>Failed after its last attempt.</summary>
    Failed,
    /// <summary>Not run: its <c>if</c> was false, or an earlier failure stopped the run.</summary>
    Skipped,
    /// <summary>Stopped because the run was cancelled.</summary>
    Cancelled,
    /// <summary>Stopped because it ran past its timeout; the command was killed.</summary>
    TimedOut,
    /// <summary>Dry-run only: the step would run as described; nothing acted.</summary>
    Planned,
    /// <summary>
    /// The connection to the target was lost while the step's command ran: it may or may not have done its work. Counts
    /// as a failure; re-run only when the step is idempotent.
    /// </summary>
    Unknown,
    /// <summary>
    /// The worker stopped (crash, shutdown past its drain timeout) while the attempt ran, or a resume found it still
    /// marked running: it may or may not have acted. An idempotent step is run again; any other makes the run in doubt.
    /// </summary>
    Interrupted,
    /// <summary>Not run yet because the run is in doubt: a person decides (resume with --skip or --from).</summary>
    InDoubt,
    /// <summary>Waiting at an approval gate or a long wait; the run is suspended.</summary>
    Suspended,
}
