using Runbooks.Core.Model;
using Runbooks.Core.Secrets;

namespace Runbooks.Core.Engine;

/// <summary>A request to run (or dry-run) a validated runbook.</summary>
public sealed record RunRequest
{
    /// <summary>The validated runbook.</summary>
    public required RunbookDefinition Runbook { get; init; }

    /// <summary>Parameter values: typed, or text from the command line (converted by type).</summary>
    public IReadOnlyDictionary<string, object?> Parameters { get; init; } = new Dictionary<string, object?>();

    /// <summary>What started the run, e.g. <c>cli:alice</c>. Recorded in the journal.</summary>
    public string Trigger { get; init; } = "api";

    /// <summary>Render and describe every step without acting.</summary>
    public bool DryRun { get; init; }

    /// <summary>Alert data for alert-triggered runs (the <c>alert</c> variable); null otherwise.</summary>
    public IReadOnlyDictionary<string, object?>? Alert { get; init; }

    /// <summary>Continue a run already in the journal instead of starting a new one; null for a new run.</summary>
    public ResumeRequest? Resume { get; init; }

    /// <summary>
    /// The hosts to run on, already resolved (a queued, scheduled or resumed run keeps the hosts it was given); null
    /// to resolve the runbook's <c>targets</c> against the inventory now.
    /// </summary>
    public IReadOnlyList<string>? TargetNames { get; init; }

    /// <summary>
    /// Signalled when the worker is shutting down: no new step starts, steps already running finish, and the run is
    /// handed back (<see cref="Journal.RunStatus.Queued"/>) for another worker to continue.
    /// </summary>
    public CancellationToken Drain { get; init; }

    /// <summary>For sub-runbooks: the run at the top of the call chain (host locks are re-entered under its id).</summary>
    internal string? RootRunId { get; init; }

    /// <summary>For sub-runbooks: the calling run.</summary>
    internal string? ParentRunId { get; init; }

    /// <summary>For sub-runbooks: the files of the runbooks already running, to refuse cycles.</summary>
    internal IReadOnlyList<string> CallStack { get; init; } = [];

    /// <summary>For sub-runbooks: the parent's masker, so its secrets stay masked in the child.</summary>
    internal SecretMasker? Masker { get; init; }

    /// <summary>For sub-runbooks: the caller's target, where a child without <c>targets</c> runs.</summary>
    internal Execution.ITargetExecutor? CallerExecutor { get; init; }
}
