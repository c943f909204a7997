namespace Runbooks.Core.Scheduling;

/// <summary>
/// What <see cref="ScheduleGate"/> decided for a run at an instant: run now, wait for a window, skip this fire time,
/// or refuse because a freeze is in force. <see cref="ToString"/> says it in one line for logs and the CLI.
/// </summary>
public abstract record GateDecision
{
    private GateDecision()
    {
    }

    /// <summary>Nothing holds the run back.</summary>
    public sealed record RunNow : GateDecision
    {
        /// <inheritdoc />
        public override string ToString() => "runs";
    }

    /// <summary>The fire time is outside the schedule's window (policy <c>wait</c>): start the run at <paramref name="Instant"/>, when it opens.</summary>
    /// <param name="Instant">When the window opens; decide again then (a freeze may have begun).</param>
    /// <param name="Window">The window's name.</param>
    public sealed record WaitUntil(DateTimeOffset Instant, string Window) : GateDecision
    {
        /// <inheritdoc />
        public override string ToString() => $"waits for window {Window} until {Instant.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z";
    }

    /// <summary>This fire time does not run; the next one is decided afresh.</summary>
    /// <param name="Reason">Why, for the log.</param>
    public sealed record Skip(string Reason) : GateDecision
    {
        /// <inheritdoc />
        public override string ToString() => $"skipped: {Reason}";
    }

    /// <summary>A freeze is in force and was not overridden: nothing runs.</summary>
    /// <param name="Freeze">The freeze's name.</param>
    /// <param name="Reason">The freeze's reason, to show.</param>
    /// <param name="Until">When no freeze is in force any more.</param>
    public sealed record Frozen(string Freeze, string Reason, DateTimeOffset Until) : GateDecision
    {
        /// <inheritdoc />
        public override string ToString() => $"frozen by {Freeze} until {Until.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z ({Reason})";
    }
}
