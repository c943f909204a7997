using System.Collections.Concurrent;
using Runbooks.Core.Execution;
using Runbooks.Core.Model;
using Runbooks.Core.Secrets;
using Runbooks.Core.Templates;
using Serilog;

namespace Runbooks.Core.Engine;

/// <summary>The state of one run on one target: what templates see, what has happened, where it is recorded.</summary>
internal sealed class RunContext
{
    public required string RunId { get; init; }
    public required RunbookDefinition Runbook { get; init; }
    public required RunRequest Request { get; init; }
    public required EngineServices Services { get; init; }
    public required SecretMasker Masker { get; init; }
    public required ILogger Log { get; init; }
    public required IReadOnlyDictionary<string, object?> Params { get; init; }
    public required IReadOnlyDictionary<string, object?> SecretValues { get; init; }
    public required IReadOnlyDictionary<string, object?> RunInfo { get; init; }
    public required ITargetExecutor Executor { get; init; }
    public required CancellationToken Cancellation { get; set; }

    /// <summary>Shared by every target of the run: once parked (in doubt, suspended, handed back) no step starts.</summary>
    public required RunParking Parking { get; init; }

    /// <summary>On a resume with <c>--from</c>: this target reached that step, so it and every later step run again.</summary>
    public bool FromReached { get => Volatile.Read(ref _fromReached); set => Volatile.Write(ref _fromReached, value); }

    private bool _fromReached;

    /// <summary>
    /// Whether no further step may start: the run is parked, or the worker is draining (then the run is handed back).
    /// </summary>
    public bool MustStop
    {
        get
        {
            if (Request.Drain.IsCancellationRequested && !DryRun)
            {
                Parking.Park(Journal.RunStatus.Queued, "the worker is shutting down; the run was handed back and continues on the next worker");
            }
            return Parking.IsParked;
        }
    }

    /// <summary>State of steps outside forEach bodies, by id, as templates read it (steps.&lt;id&gt;).</summary>
    // One lock and a small table: parallel branches write here, but rarely at the same moment.
    public ConcurrentDictionary<string, object?> Steps { get; } = new(concurrencyLevel: 1, capacity: 8, StringComparer.Ordinal);

    /// <summary>Every step result, in the order they ended.</summary>
    public StepResults Results { get; } = new();

    private StepResult? _fatalFailure;

    /// <summary>The first failure that failed the run (not one tolerated by continueOnError), for error.step and the run's error.</summary>
    public StepResult? FatalFailure => Volatile.Read(ref _fatalFailure);

    public void RecordFatalFailure(string path)
    {
        if (FatalFailure is null && Results.LastOrDefault(r => r.Path == path) is { } result)
        {
            Interlocked.CompareExchange(ref _fatalFailure, result, null);
        }
    }

    /// <summary>
    /// A step with continueOnError tolerated a failure: a failure recorded inside it (a forEach item, a nested step)
    /// did not fail the run after all.
    /// </summary>
    public void ClearFatalFailureUnder(string path)
    {
        var recorded = FatalFailure;
        if (recorded is not null && (recorded.Path == path || recorded.Path.StartsWith(path + "[", StringComparison.Ordinal) ||
            recorded.Path.StartsWith(path + "/", StringComparison.Ordinal)))
        {
            Interlocked.CompareExchange(ref _fatalFailure, null, recorded);
        }
    }

    public TargetInfo Target => Executor.Target;

    public bool DryRun => Request.DryRun;

    /// <summary>The scope for a template in a frame; roots are looked up on demand (see <see cref="ScopeRoots"/>).</summary>
    public TemplateScope Scope(CompiledTemplate template, Frame frame) => new(new ScopeRoots(this, template, frame));

    /// <summary>Engine services for actions; one per run.</summary>
    public Actions.IActionHost? Host { get; set; }

    /// <summary>The steps a template reads: only those it names are copied, to keep renders cheap.</summary>
    public IReadOnlyDictionary<string, object?> StepsFor(CompiledTemplate template, Frame frame)
    {
        var steps = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var reference in template.References)
        {
            if (reference.Root != "steps")
            {
                continue;
            }
            if (reference.Path.Count == 1)
            {
                // The template reads the whole steps map: give it everything.
                foreach (var (id, state) in Steps)
                {
                    steps[id] = state;
                }
                frame.CopyLocalStepsTo(steps);
                return steps;
            }
            var wanted = reference.Path[1];
            if (frame.TryGetLocalStep(wanted, out var local))
            {
                steps[wanted] = local;
            }
            else if (Steps.TryGetValue(wanted, out var state))
            {
                steps[wanted] = state;
            }
        }
        return steps;
    }

    private Dictionary<string, object?>? _targetRoot;

    public Dictionary<string, object?> TargetRoot() => _targetRoot ??= new Dictionary<string, object?>(StringComparer.Ordinal)
    {
        ["name"] = Target.Name,
        ["transport"] = Target.Transport,
        ["address"] = Target.Address,
        ["labels"] = Target.Labels.ToDictionary(kv => kv.Key, kv => (object?)kv.Value, StringComparer.Ordinal),
    };

    /// <summary>Records a step's state where templates (in this frame) can read it.</summary>
    public void SetStepState(Frame frame, string id, IReadOnlyDictionary<string, object?> state)
    {
        if (!frame.SetLocalStep(id, state))
        {
            Steps[id] = state;
        }
    }

    public DateTimeOffset Now => Services.Time.GetUtcNow();
}
