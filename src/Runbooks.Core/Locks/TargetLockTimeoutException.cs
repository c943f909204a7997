using Runbooks.Core.Shapes;

namespace Runbooks.Core.Locks;

/// <summary>
/// A run gave up waiting for a target's lock. The message names the target, how long the run waited and who holds
/// the target (run, runbook, worker, since when), so the operator can look at that run or raise the wait timeout.
/// </summary>
public sealed class TargetLockTimeoutException : RunbooksException
{
    /// <summary>Creates the exception for <paramref name="request"/>, which waited <paramref name="waited"/>.</summary>
    /// <param name="request">The request that gave up.</param>
    /// <param name="waited">How long it waited.</param>
    /// <param name="holder">The holder when it gave up, or null when the target was free (runs ahead of it in the queue).</param>
    /// <param name="ahead">How many runs were ahead of it in the queue.</param>
    /// <param name="unreachable">Why the holder is unknown (the lock database could not be reached), or null.</param>
    public TargetLockTimeoutException(LockRequest request, TimeSpan waited, TargetLockHolder? holder, int ahead, string? unreachable = null)
        : base(Compose(request, waited, holder, ahead, unreachable))
    {
        Target = request.Target;
        Waited = waited;
        Holder = holder;
    }

    /// <summary>Creates the exception; prefer the overload that names the holder.</summary>
    public TargetLockTimeoutException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public TargetLockTimeoutException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public TargetLockTimeoutException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The target that stayed locked.</summary>
    public string Target { get; } = "";

    /// <summary>How long the run waited.</summary>
    public TimeSpan Waited { get; }

    /// <summary>Who held the target when the run gave up; null when unknown or free.</summary>
    public TargetLockHolder? Holder { get; }

    private static string Compose(LockRequest request, TimeSpan waited, TargetLockHolder? holder, int ahead, string? unreachable)
    {
        ArgumentNullException.ThrowIfNull(request);
        // Whole seconds from one second on: "10m", not "10m0s12ms" of timer noise.
        var shown = waited >= TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(Math.Round(waited.TotalSeconds)) : TimeSpan.FromMilliseconds(Math.Round(waited.TotalMilliseconds));
        var head = $"run {request.RunId} waited {DurationParser.Format(shown)} for the lock on {request.Target} and gave up: ";
        var queue = ahead switch
        {
            0 => "",
            1 => "; 1 more run was ahead of it in the queue",
            _ => $"; {ahead} more runs were ahead of it in the queue",
        };
        var why = (holder, unreachable) switch
        {
            ({ } h, _) => $"it is held by {h.Describe()}{queue}; wait for that run (runbooks runs show {h.RunId})",
            (null, { } reason) => $"the lock database could not be reached ({reason}), so the holder is unknown; check the database",
            _ when ahead == 0 => "the lock was released just as the wait ended; start the run again",
            _ => $"the target was free but {ahead} runs were ahead of it in the queue",
        };
        return head + why + " or raise Runbooks:Locks:WaitTimeout";
    }
}
