namespace Runbooks.Bench.Harness;

/// <summary>One timed round: steps executed, wall time, and the whole process's CPU time, allocations and GC pauses meanwhile.</summary>
internal sealed record Sample(long Steps, TimeSpan Elapsed, TimeSpan Cpu, long AllocatedBytes, TimeSpan GcPause)
{
    public double StepsPerSecond => Steps / Elapsed.TotalSeconds;

    /// <summary>CPU time (all threads) per step: less disturbed than wall time by other processes on a shared machine.</summary>
    public double CpuMicrosecondsPerStep => Cpu.TotalMicroseconds / Steps;

    public double BytesPerStep => (double)AllocatedBytes / Steps;

    public double GcPausePercent => 100 * GcPause / Elapsed;
}
