using Runbooks.Core.Journal;

namespace Runbooks.Core.Engine;

/// <summary>
/// Why a run stops walking its steps without failing: a step in doubt (a person decides), an approval gate or a long
/// wait (suspended), or a worker shutting down (handed back to the queue). Shared by every target of the run: once
/// parked, no target starts another step, and no failure handler or <c>finally</c> runs — the run is not over.
/// The most serious reason wins: in doubt, then suspended, then handed back.
/// </summary>
internal sealed class RunParking
{
    private readonly Lock _gate = new();
    private RunStatus? _status;
    private string? _reason;
    private DateTimeOffset? _wakeAt;

    /// <summary>Whether the run is parked.</summary>
    public bool IsParked
    {
        get
        {
            lock (_gate)
            {
                return _status is not null;
            }
        }
    }

    /// <summary>The run's status while parked: <see cref="RunStatus.InDoubt"/>, <see cref="RunStatus.Suspended"/> or <see cref="RunStatus.Queued"/>.</summary>
    public (RunStatus Status, string Reason, DateTimeOffset? WakeAt)? State
    {
        get
        {
            lock (_gate)
            {
                return _status is { } status ? (status, _reason!, _wakeAt) : null;
            }
        }
    }

    /// <summary>Parks the run; a more serious reason replaces a lesser one, and the earliest wake-up time is kept.</summary>
    public void Park(RunStatus status, string reason, DateTimeOffset? wakeAt = null)
    {
        lock (_gate)
        {
            if (_status is null || Rank(status) > Rank(_status.Value))
            {
                (_status, _reason) = (status, reason);
            }
            else if (Rank(status) == Rank(_status.Value) && !_reason!.Contains(reason, StringComparison.Ordinal))
            {
                _reason += "; " + reason;
            }
            if (wakeAt is { } at && (_wakeAt is null || at < _wakeAt))
            {
                _wakeAt = at;
            }
        }
    }

    /// <summary>How a parked target is shown in the run's summary.</summary>
    public StepStatus TargetStatus => State?.Status switch
    {
        RunStatus.InDoubt => StepStatus.InDoubt,
        RunStatus.Suspended => StepStatus.Suspended,
        _ => StepStatus.Interrupted,
    };

    private static int Rank(RunStatus status) => status switch
    {
        RunStatus.InDoubt => 3,
        RunStatus.Suspended => 2,
        _ => 1,
    };
}
