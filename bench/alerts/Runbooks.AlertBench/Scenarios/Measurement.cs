namespace Runbooks.AlertBench.Scenarios;

/// <summary>
/// The samples of one part on one backend, with the machine's 1-minute load when it began and the highest during it, and
/// the CPU time the serve process (with its steps' commands) used for the part: less sensitive to other work than wall time;
/// and what the same process used per second while idle (5 s after the single alerts).
/// </summary>
internal sealed record Measurement(string Backend, string What, IReadOnlyList<Sample> Samples, double LoadStart, double LoadHighest, double ServeCpuMs, double IdleCpuMsPerSecond)
{
    /// <summary>Storm only: the alerts refused (not measured), or null when every one was accepted.</summary>
    public Refusals? Refused { get; init; }

    /// <summary>Serve's CPU per alert, in milliseconds.</summary>
    public double CpuMsPerAlert => ServeCpuMs / Samples.Count;

    /// <summary>Storm only: the first send to the last first-step start, in seconds.</summary>
    public double SpanSeconds =>
        (Samples.Max(s => s.Times.StepStarted!.Value) - Samples.Min(s => s.Sent.SentAt)).TotalSeconds;

    /// <summary>Storm only: the first send to the last send, in seconds (how well the client kept its pace).</summary>
    public double SendSeconds => (Samples.Max(s => s.Sent.SentAt) - Samples.Min(s => s.Sent.SentAt)).TotalSeconds;
}
