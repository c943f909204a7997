using System.Collections.Concurrent;
using Runbooks.Core.Engine;
using Runbooks.Core.Validation;
using Runbooks.Storage;
using Serilog;

namespace Runbooks.Server;

/// <summary>What every job of one worker process shares.</summary>
internal sealed class WorkerServices
{
    public required JournalStore Store { get; init; }
    public required RunbookLoader Loader { get; init; }
    public required RunEngine Engine { get; init; }
    public required ILogger Log { get; init; }
    public required string WorkerName { get; init; }
    public required WorkerOptions Options { get; init; }
    public required RunSubmitter Submitter { get; init; }

    /// <summary>Hangfire's storage, for what the queues hold (the sweep's stranded-run check).</summary>
    public required Hangfire.JobStorage HangfireStorage { get; init; }

    /// <summary>Cancel requests of the runs this worker runs.</summary>
    public required RunCancelWatch CancelWatch { get; init; }

    /// <summary>See <see cref="WorkerSetup.RunEnded"/>.</summary>
    public Func<string, CancellationToken, Task>? RunEnded { get; init; }

    /// <summary>
    /// The runs a job of this process is working on now. The journal's claim lets its owner claim again (a worker
    /// continues its own run), so two deliveries of one run's job on one worker would both run it: the second one
    /// finds the run here and does nothing.
    /// </summary>
    public ConcurrentDictionary<string, byte> Running { get; } = new(StringComparer.Ordinal);
    public RunContinuation Continuation => _continuation ??= new RunContinuation(Store, Loader, Engine);
    private RunContinuation? _continuation;
}
