using Runbooks.Core.Journal;
using Runbooks.Core.Model;

namespace Runbooks.Core.Engine;

/// <summary>
/// Walks steps: sequences stop at the first failure (later steps are skipped and say why), <c>if</c> skips,
/// forEach runs items with a concurrency limit and stops dispatching after a failure (in-flight items finish),
/// parallel runs every branch, and a failed step's <c>onFailure</c> handlers run before the failure propagates.
/// </summary>
internal sealed class StepRunner(RunContext run, RunEngine engine)
{
    private readonly ActionStepRunner _actions = new(run, engine);

    /// <summary>Runs steps in order; true when none failed (failures with continueOnError do not count).</summary>
    public async Task<bool> RunSequenceAsync(IReadOnlyList<StepDefinition> steps, Frame frame)
    {
        var ok = true;
        foreach (var step in steps)
        {
            if (run.MustStop)
            {
                // Parked: the steps left are neither run nor skipped; the resumed run takes them up.
                return false;
            }
            if (run.Cancellation.IsCancellationRequested)
            {
                await SkipAsync(step, frame, "the run was cancelled", StepStatus.Cancelled);
                ok = false;
                continue;
            }
            if (!ok)
            {
                await SkipAsync(step, frame, "an earlier step failed");
                continue;
            }
            ok = await RunStepAsync(step, frame);
        }
        return ok;
    }

    private async Task<bool> RunStepAsync(StepDefinition step, Frame frame)
    {
        var path = frame.PathOf(step.Id);
        if (ReplaySkip(step, frame, path))
        {
            return true;
        }
        var conditionFailed = false;
        if (step.If is { } condition)
        {
            bool go;
            try
            {
                go = Renderer.Condition(run, condition, frame, $"{step.IfSpan}: {step.Path}.if");
            }
            catch (RunbooksException) when (run.DryRun)
            {
                go = true; // Depends on outputs a dry-run does not have: plan the step as if it will run.
            }
            catch (RunbooksException ex)
            {
                // A condition that cannot be evaluated fails the step (and so runs its failure handlers below).
                Record(frame, step, Result(step, path, StepStatus.Failed, ex.Message));
                run.Log.ForContext("StepId", step.Id).ForContext("StepPath", path).ForContext("Attempt", 0).Error("{StepPath} failed: {Error}", path, ex.Message);
                go = false;
                conditionFailed = true;
            }
            if (!go && !conditionFailed)
            {
                await SkipAsync(step, frame, $"condition is false: {condition}");
                return true;
            }
        }
        var ok = !conditionFailed && step.Kind switch
        {
            StepKind.ForEach => await RunForEachAsync(step, frame, path),
            StepKind.Parallel => await RunParallelAsync(step, frame, path),
            _ => await _actions.RunAsync(step, frame, path),
        };
        if (run.Parking.IsParked && !ok)
        {
            // Stopped for a person, a gate or a shutdown, not failed: no failure handling until the run continues.
            return false;
        }
        if (!ok && !step.ContinueOnError)
        {
            run.RecordFatalFailure(path);
        }
        else if (!ok)
        {
            run.ClearFatalFailureUnder(path);
        }
        if (step.OnFailure.Count > 0 && (!ok || run.DryRun))
        {
            var state = frame.TryGetLocalStep(step.Id, out var local) ? local : run.Steps.GetValueOrDefault(step.Id);
            var error = run.DryRun ? RunEngine.PlannedError(step.Id) : new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["step"] = step.Id,
                ["message"] = (state as IReadOnlyDictionary<string, object?>)?.GetValueOrDefault("error"),
                ["status"] = (state as IReadOnlyDictionary<string, object?>)?.GetValueOrDefault("status"),
            };
            await RunSequenceAsync(step.OnFailure, frame.With($"{path}/onFailure/", ("error", error)));
        }
        return ok || step.ContinueOnError;
    }

    private async Task<bool> RunForEachAsync(StepDefinition step, Frame frame, string path)
    {
        var loop = step.ForEach!;
        var started = run.Now;
        var replay = StepReplay.Decide(run, step, path, idempotent: false, isControl: true);
        if (replay.Kind != ReplayKind.Run)
        {
            return await ReplayAsync(step, frame, path, "forEach", replay);
        }
        object? items;
        try
        {
            items = Renderer.Render(run, loop.Items, frame);
        }
        catch (RunbooksException ex)
        {
            return Record(frame, step, Result(step, path, run.DryRun ? StepStatus.Planned : StepStatus.Failed, run.DryRun ? null : ex.Message, started)
                with { Plan = run.DryRun ? $"for each item of a list known at run time ({ex.Message})" : null });
        }
        if (items is not IReadOnlyList<object?> list)
        {
            var message = $"{loop.Items.Span}: {loop.Items.Path}: forEach needs a list, got {Validation.InputValues.Describe(items)}";
            run.Log.ForContext("StepId", step.Id).ForContext("StepPath", path).ForContext("Attempt", 0).Error("{StepPath} failed: {Error}", path, message);
            return Record(frame, step, Result(step, path, StepStatus.Failed, message, started));
        }
        var ticket = run.DryRun ? null : await run.Services.Journal.StepStartingAsync(Start(step, path, "forEach", started, replay.NextAttempt), run.Cancellation);
        var results = new IReadOnlyDictionary<string, object?>?[list.Count];
        using var gate = new SemaphoreSlim(loop.Concurrency);
        var failed = 0;
        var tasks = new List<Task>(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            try
            {
                await gate.WaitAsync(run.Cancellation);
            }
            catch (OperationCanceledException)
            {
                break;
            }
            if (Volatile.Read(ref failed) > 0 && !step.ContinueOnError || run.MustStop)
            {
                // Fail fast: after a failure no new item starts; items already running finish.
                gate.Release();
                break;
            }
            var index = i;
            tasks.Add(Task.Run(async () =>
            {
                try
                {
                    var (ok, outputs) = await RunIterationAsync(step, frame, path, list[index], index);
                    results[index] = new Dictionary<string, object?>(StringComparer.Ordinal)
                    {
                        ["item"] = list[index], ["index"] = (long)index, ["status"] = ok ? "succeeded" : "failed", ["outputs"] = outputs,
                    };
                    if (!ok)
                    {
                        Interlocked.Increment(ref failed);
                    }
                }
                finally
                {
                    gate.Release();
                }
            }));
        }
        await Task.WhenAll(tasks);
        if (run.Parking.IsParked && ticket is not null)
        {
            // The loop did not end: its attempt stays open (interrupted on resume) and the resumed run walks it again.
            return false;
        }
        var done = results.Where(r => r is not null).ToList();
        var status = run.DryRun ? StepStatus.Planned
            : run.Cancellation.IsCancellationRequested ? StepStatus.Cancelled
            : failed > 0 || done.Count < list.Count ? StepStatus.Failed : StepStatus.Succeeded;
        var result = Result(step, path, status, failed > 0 ? $"{failed} of {list.Count} item(s) failed" : null, started) with
        {
            Outputs = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["results"] = done.Cast<object?>().ToList(), ["count"] = (long)list.Count, ["failed"] = (long)failed,
            },
            Attempts = 1,
            Plan = run.DryRun ? $"for each of {list.Count} item(s), {loop.Concurrency} at a time" : null,
        };
        if (ticket is not null)
        {
            await run.Services.Journal.StepFinishedAsync(ticket, Outcome(result), CancellationToken.None);
        }
        return Record(frame, step, result);
    }

    private async Task<(bool Ok, object? Outputs)> RunIterationAsync(StepDefinition step, Frame frame, string path, object? item, int index)
    {
        var iteration = frame.Iteration($"{path}[{index}]/", step.ForEach!.As, item, index);
        if (step.Action is not null)
        {
            var ok = await _actions.RunAsync(step, iteration, $"{path}[{index}]");
            iteration.TryGetLocalStep(step.Id, out var state);
            return (ok, (state as IReadOnlyDictionary<string, object?>)?.GetValueOrDefault("outputs"));
        }
        var blockOk = await RunSequenceAsync(step.Steps, iteration);
        return (blockOk, iteration.LocalSteps().ToDictionary(kv => kv.Key, kv => (kv.Value as IReadOnlyDictionary<string, object?>)?.GetValueOrDefault("outputs"), StringComparer.Ordinal));
    }

    private async Task<bool> RunParallelAsync(StepDefinition step, Frame frame, string path)
    {
        var started = run.Now;
        var replay = StepReplay.Decide(run, step, path, idempotent: false, isControl: true);
        if (replay.Kind != ReplayKind.Run)
        {
            return await ReplayAsync(step, frame, path, "parallel", replay);
        }
        var ticket = run.DryRun ? null : await run.Services.Journal.StepStartingAsync(Start(step, path, "parallel", started, replay.NextAttempt), run.Cancellation);
        var outcomes = await Task.WhenAll(step.Steps.Select(branch => Task.Run(() => RunSequenceAsync([branch], frame))));
        if (run.Parking.IsParked && ticket is not null)
        {
            return false;
        }
        var failed = outcomes.Count(ok => !ok);
        var status = run.DryRun ? StepStatus.Planned
            : run.Cancellation.IsCancellationRequested ? StepStatus.Cancelled
            : failed > 0 ? StepStatus.Failed : StepStatus.Succeeded;
        var result = Result(step, path, status, failed > 0 ? $"{failed} of {step.Steps.Count} branch(es) failed" : null, started) with
        {
            Attempts = 1,
            Plan = run.DryRun ? $"{step.Steps.Count} branches at once" : null,
        };
        if (ticket is not null)
        {
            await run.Services.Journal.StepFinishedAsync(ticket, Outcome(result), CancellationToken.None);
        }
        return Record(frame, step, result);
    }

    private async Task SkipAsync(StepDefinition step, Frame frame, string reason, StepStatus status = StepStatus.Skipped)
    {
        var path = frame.PathOf(step.Id);
        // A resumed run reaching a skip it already recorded does not record it twice.
        if (run.Request.Resume?.History.SkipReason(run.Target.Name, path) is null)
        {
            await run.Services.Journal.StepSkippedAsync(run.RunId, path, run.Target.Name, reason, run.Now, CancellationToken.None);
        }
        run.Log.ForContext("StepId", step.Id).ForContext("StepPath", path).ForContext("Attempt", 0).Information("{StepPath} skipped: {Reason}", path, reason);
        Record(frame, step, Result(step, path, status, reason));
    }

    /// <summary>
    /// A resumed run reaching a step that was skipped before the stop (its condition was false then): it stays skipped,
    /// even if the condition would read differently now, unless the operator asked for it again with --from.
    /// </summary>
    private bool ReplaySkip(StepDefinition step, Frame frame, string path)
    {
        if (run.Request.Resume is not { } resume || run.DryRun || run.FromReached || resume.From is { } from && ResumeRequest.Names(from, step.Id, path))
        {
            return false;
        }
        if (resume.History.Last(run.Target.Name, path) is not null || resume.History.SkipReason(run.Target.Name, path) is not { } reason)
        {
            return false;
        }
        Record(frame, step, Result(step, path, StepStatus.Skipped, reason) with { Replayed = true });
        return true;
    }

    /// <summary>A forEach or parallel step a resumed run does not walk again: it ended, or the operator skipped it.</summary>
    private async Task<bool> ReplayAsync(StepDefinition step, Frame frame, string path, string kind, ReplayDecision replay)
    {
        if (replay.Kind == ReplayKind.OperatorSkip)
        {
            var ticket = await run.Services.Journal.StepStartingAsync(Start(step, path, kind, run.Now, replay.NextAttempt), CancellationToken.None);
            var skipped = Result(step, path, StepStatus.Skipped, replay.Reason);
            await run.Services.Journal.StepFinishedAsync(ticket, Outcome(skipped), CancellationToken.None);
            Record(frame, step, skipped);
            return true;
        }
        var result = StepReplay.Result(step, path, run.Target.Name, replay.Prior!);
        Record(frame, step, result);
        return result.Status is StepStatus.Succeeded or StepStatus.Skipped;
    }

    private StepAttemptStart Start(StepDefinition step, string path, string kind, DateTimeOffset started, int attempt) => new()
    {
        RunId = run.RunId, StepPath = path, StepId = step.Id, Target = run.Target.Name, Attempt = attempt, Action = kind,
        Idempotent = step.Idempotent ?? false, StartedAt = started,
    };

    private static StepAttemptOutcome Outcome(StepResult result) => new()
    {
        Status = result.Status, EndedAt = result.EndedAt ?? DateTimeOffset.MinValue, Outputs = result.Outputs, Error = result.Error,
    };

    private StepResult Result(StepDefinition step, string path, StepStatus status, string? error, DateTimeOffset? started = null) => new()
    {
        Path = path, StepId = step.Id, Target = run.Target.Name, Status = status, Error = error,
        Action = step.Kind switch { StepKind.ForEach => "forEach", StepKind.Parallel => "parallel", _ => step.Action ?? "" },
        StartedAt = started ?? run.Now, EndedAt = run.Now,
    };

    private bool Record(Frame frame, StepDefinition step, StepResult result)
    {
        run.Results.Add(result);
        run.SetStepState(frame, step.Id, StepState.From(result));
        return result.Status is StepStatus.Succeeded or StepStatus.Planned;
    }
}
