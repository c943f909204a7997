using Hangfire;

namespace Runbooks.Server;

/// <summary>Gives Hangfire this worker's job objects (they need the worker's services, not a container).</summary>
internal sealed class WorkerJobActivator(WorkerServices services, ScheduleJob schedules) : JobActivator
{
    private readonly RunJob _runs = new(services);

    public override object ActivateJob(Type jobType) =>
        jobType == typeof(RunJob) ? _runs
        : jobType == typeof(ScheduleJob) ? schedules
        : throw new InvalidOperationException($"this worker runs no job of type {jobType.FullName}");
}
