using Runbooks.Core.Actions;
using Runbooks.Core.Journal;
using Runbooks.Core.Model;
using Runbooks.Core.Shapes;
using Runbooks.Core.Templates;
using Runbooks.Core.Validation;
using Serilog;
using Serilog.Events;

namespace Runbooks.Core.Engine;

/// <summary>
/// Runs one action step with its retry policy and timeout: render inputs, record the attempt's start in the journal
/// (before acting — the write-ahead checkpoint), act, record the outcome, then retry or stop.
/// </summary>
internal sealed class ActionStepRunner(RunContext run, RunEngine engine)
{
    public async Task<bool> RunAsync(StepDefinition step, Frame frame, string path)
    {
        run.Services.Actions.TryGet(step.Action!, out var action);
        var descriptor = action.Descriptor;
        var idempotent = step.Idempotent ?? descriptor.IdempotentByDefault;
        var maxAttempts = step.Retry?.Attempts ?? 1;
        var reconnectRetried = false;
        var timeout = step.Timeout ?? descriptor.DefaultTimeout;
        var started = run.Now;
        var log = run.Log;
        var replay = StepReplay.Decide(run, step, path, idempotent, isControl: false);
        if (replay.Kind != ReplayKind.Run)
        {
            return await ReplayAsync(step, frame, path, descriptor.Name, idempotent, replay);
        }
        // A resumed step numbers its attempts on from the journal's: attempt numbers are never reused.
        var offset = replay.NextAttempt - 1;
        StepResult? last = null;
        for (var attempt = 1; ; attempt++)
        {
            // One enricher set per attempt: every event of the attempt, the action's own included, carries them.
            var attemptLog = log.ForContext(FixedProperties.Of(("StepId", step.Id), ("StepPath", path), ("Attempt", attempt)));
            ActionInputs inputs;
            try
            {
                inputs = RenderInputs(step, descriptor, frame);
            }
            catch (RunbooksException ex)
            {
                if (run.DryRun && ReadsEarlierSteps(step))
                {
                    // A dry-run has no outputs of earlier steps; anything else that fails to render is a real error.
                    return Record(step, frame, path, descriptor.Name, StepStatus.Planned, 0, started, plan: "(inputs read earlier steps' outputs: rendered at run time)");
                }
                attemptLog.Error("{StepPath} could not start: {Error}", path, ex.Message);
                return Record(step, frame, path, descriptor.Name, StepStatus.Failed, attempt - 1, started, error: ex.Message);
            }
            var description = run.Masker.Apply(action.Describe(inputs));
            if (run.DryRun)
            {
                return Record(step, frame, path, descriptor.Name, StepStatus.Planned, 0, started, plan: description);
            }

            var attemptStart = new StepAttemptStart
            {
                RunId = run.RunId, StepPath = path, StepId = step.Id, Target = run.Target.Name, Attempt = offset + attempt,
                Action = descriptor.Name, Idempotent = idempotent, Description = description, StartedAt = run.Now,
            };
            // Checkpoint: the attempt's intent is in the journal before the action can have any effect. An action that has
            // none is recorded once, when it ended (StepRecordedAsync); like a journaled start, it does not begin in a
            // cancelled run.
            StepTicket? ticket = null;
            if (descriptor.HasNoEffects)
            {
                run.Cancellation.ThrowIfCancellationRequested();
            }
            else
            {
                ticket = await run.Services.Journal.StepStartingAsync(attemptStart, run.Cancellation);
            }
            var startLevel = descriptor.IsInstant ? LogEventLevel.Debug : LogEventLevel.Information;
            if (attemptLog.IsEnabled(startLevel))
            {
                attemptLog.Write(startLevel, "{StepPath} started (attempt {Attempt}/{Attempts}): {Description}", path, attempt, maxAttempts, description);
            }

            var (status, result) = await ExecuteAsync(action, inputs, step, path, attemptLog, timeout);
            if (result.Suspended)
            {
                // A gate that is not decided yet: the attempt ends as suspended (re-asked on resume), the run parks.
                await FinishAsync(attemptStart, ticket, new StepAttemptOutcome
                {
                    Status = StepStatus.Suspended, EndedAt = run.Now, Error = result.Error is null ? null : run.Masker.Apply(result.Error),
                });
                run.Parking.Park(RunStatus.Suspended, $"{path} on {run.Target.Name}: {result.Error}", result.WakeAt);
                attemptLog.Information("{StepPath} suspended: {Reason}", path, result.Error);
                Record(step, frame, path, descriptor.Name, StepStatus.Suspended, attempt, started, error: result.Error);
                return false;
            }
            var outputs = run.Masker.ApplyToMap(result.Outputs);
            string? error = result.Error is null ? null : run.Masker.Apply(result.Error);
            if (status == StepStatus.Succeeded && step.Outputs.Count > 0)
            {
                try
                {
                    outputs = StepOutputs(step, frame, result, outputs);
                }
                catch (RunbooksException ex)
                {
                    (status, error) = (StepStatus.Failed, $"outputs: {ex.Message}");
                }
            }
            var outcome = new StepAttemptOutcome
            {
                Status = status, EndedAt = run.Now, Outputs = outputs, ExitCode = result.ExitCode, Changed = result.Changed, Error = error,
                Stdout = result.Stdout is null ? null : run.Masker.Apply(result.Stdout),
                Stderr = result.Stderr is null ? null : run.Masker.Apply(result.Stderr),
            };
            // Checkpoint: the outcome is recorded whatever happens next, even when the run is being cancelled.
            await FinishAsync(attemptStart, ticket, outcome);
            last = ToResult(step, path, descriptor.Name, outcome, attempt, started);
            if (status == StepStatus.Succeeded)
            {
                attemptLog.Information("{StepPath} succeeded in {DurationMs} ms", path, (long)last.Duration.TotalMilliseconds);
                return Record(frame, step, last);
            }
            attemptLog.Warning("{StepPath} {Status} on attempt {Attempt}/{Attempts}: {Error}", path, StepState.Name(status), attempt, maxAttempts, error);
            if (status == StepStatus.Unknown && idempotent && attempt >= maxAttempts && !reconnectRetried)
            {
                // A lost connection says nothing about the step itself: an idempotent step gets one more attempt over a
                // new connection even without a retry policy. A non-idempotent one never does (ShouldRetry refuses it).
                reconnectRetried = true;
                maxAttempts++;
            }
            if (status == StepStatus.Cancelled || attempt >= maxAttempts || !ShouldRetry(step, frame, status, result.OutcomeUnknown, idempotent, attempt, outcome, attemptLog))
            {
                break;
            }
            // The one re-run after a lost connection (a step without a retry policy) waits a second for the host.
            var delay = step.Retry is null ? TimeSpan.FromSeconds(1) : Backoff.Delay(step.Retry, attempt, run.Services.Random());
            attemptLog.Information("{StepPath} retrying in {Delay}", path, DurationParser.Format(delay));
            try
            {
                await Task.Delay(delay, run.Services.Time, run.Cancellation);
            }
            catch (OperationCanceledException)
            {
                last = last with { Status = StepStatus.Cancelled, Error = "cancelled while waiting to retry" };
                break;
            }
        }
        log.ForContext(FixedProperties.Of(("StepId", step.Id), ("StepPath", path), ("Attempt", last!.Attempts))).Error("{StepPath} {Status} after {Attempts} attempt(s): {Error}", path, StepState.Name(last.Status), last.Attempts, last.Error);
        Record(frame, step, last);
        return false;
    }

    /// <summary>Records an attempt's outcome: against its ticket, or start and outcome at once for an action without effects.</summary>
    private ValueTask FinishAsync(StepAttemptStart start, StepTicket? ticket, StepAttemptOutcome outcome) => ticket is null
        ? run.Services.Journal.StepRecordedAsync(start, outcome, CancellationToken.None)
        : run.Services.Journal.StepFinishedAsync(ticket, outcome, CancellationToken.None);

    /// <summary>A step a resumed run does not run again: it ended, it is in doubt, or the operator skipped it.</summary>
    private async Task<bool> ReplayAsync(StepDefinition step, Frame frame, string path, string action, bool idempotent, ReplayDecision replay)
    {
        var log = run.Log.ForContext(FixedProperties.Of(("StepId", step.Id), ("StepPath", path), ("Attempt", replay.NextAttempt - 1)));
        switch (replay.Kind)
        {
            case ReplayKind.Done:
                var done = StepReplay.Result(step, path, run.Target.Name, replay.Prior!);
                log.Debug("{StepPath} already {Status} before the run stopped: not run again", path, StepState.Name(done.Status));
                Record(frame, step, done);
                return done.Status is StepStatus.Succeeded or StepStatus.Skipped;
            case ReplayKind.InDoubt:
                run.Parking.Park(RunStatus.InDoubt, replay.Reason!);
                log.Error("{StepPath} is in doubt: {Reason}", path, replay.Reason);
                Record(step, frame, path, action, StepStatus.InDoubt, 0, replay.Prior!.StartedAt, error: replay.Reason);
                return false;
            default:
                var ticket = await run.Services.Journal.StepStartingAsync(new StepAttemptStart
                {
                    RunId = run.RunId, StepPath = path, StepId = step.Id, Target = run.Target.Name, Attempt = replay.NextAttempt,
                    Action = action, Idempotent = idempotent, Description = replay.Reason, StartedAt = run.Now,
                }, CancellationToken.None);
                await run.Services.Journal.StepFinishedAsync(ticket, new StepAttemptOutcome { Status = StepStatus.Skipped, EndedAt = run.Now, Error = replay.Reason }, CancellationToken.None);
                log.Warning("{StepPath} {Reason}", path, replay.Reason);
                Record(step, frame, path, action, StepStatus.Skipped, 0, run.Now, error: replay.Reason);
                return true;
        }
    }

    private static bool ReadsEarlierSteps(StepDefinition step) =>
        step.With is not null && step.With.Templates().Any(t => t.Text.Contains("steps.", StringComparison.Ordinal));

    private ActionInputs RenderInputs(StepDefinition step, ActionDescriptor descriptor, Frame frame)
    {
        var rendered = step.With is null ? new Dictionary<string, object?>() : Renderer.Map(run, step.With, frame);
        if (InputValues.CoerceObject(descriptor.Inputs, rendered, $"{step.Path}.with", out var coerced) is { } error)
        {
            throw new RunbooksException(run.Masker.Apply(error));
        }
        return new ActionInputs((IReadOnlyDictionary<string, object?>)coerced!);
    }

    private async Task<(StepStatus, ActionResult)> ExecuteAsync(IRunbookAction action, ActionInputs inputs, StepDefinition step, string path, ILogger log, TimeSpan? timeout)
    {
        // Token sources only when the step has a time limit: most steps have none, and each source costs.
        using var timeoutSource = timeout is { } t ? new CancellationTokenSource(t, run.Services.Time) : null;
        using var linked = timeoutSource is null ? null : CancellationTokenSource.CreateLinkedTokenSource(run.Cancellation, timeoutSource.Token);
        var token = linked?.Token ?? run.Cancellation;
        var context = new ActionContext
        {
            Inputs = inputs, Executor = run.Executor, Time = run.Services.Time, Log = log, Secrets = run.Masker,
            Host = run.Host ??= new EngineActionHost(run, engine), RunId = run.RunId, StepId = step.Id, StepPath = path,
            RunbookPath = run.Runbook.SourcePath,
        };
        try
        {
            var result = await action.ExecuteAsync(context, token);
            return (result.Succeeded ? StepStatus.Succeeded : result.TimedOut ? StepStatus.TimedOut : StepStatus.Failed, result);
        }
        catch (OperationCanceledException) when (run.Cancellation.IsCancellationRequested)
        {
            return (StepStatus.Cancelled, ActionResult.Failure("cancelled"));
        }
        catch (OperationCanceledException) when (timeoutSource?.IsCancellationRequested == true)
        {
            return (StepStatus.TimedOut, ActionResult.Failure($"timed out after {DurationParser.Format(timeout!.Value)}; the command was stopped"));
        }
        catch (Execution.ConnectionLostException ex)
        {
            return (StepStatus.Unknown, ActionResult.Failure(ex.Message) with { OutcomeUnknown = true });
        }
        catch (Exception ex) when (ex.IsCatchable())
        {
            // Never the exception object: its message and stack could carry a secret, and enrichers cannot mask it.
            log.Debug("{StepPath} threw {ExceptionType}: {Error}", path, ex.GetType().Name, run.Masker.Apply(ex.Message));
            return (StepStatus.Failed, ActionResult.Failure(ex.Message));
        }
    }

    private bool ShouldRetry(StepDefinition step, Frame frame, StepStatus status, bool outcomeUnknown, bool idempotent, int attempt, StepAttemptOutcome outcome, ILogger log)
    {
        if ((status == StepStatus.TimedOut || outcomeUnknown) && !idempotent)
        {
            // A killed command, an unanswered request or a lost connection may have done its work: repeating a
            // non-idempotent step could do it twice.
            log.Warning(status switch
            {
                StepStatus.TimedOut => "{StepId} is not retried: it timed out, its effect is unknown and it is not idempotent",
                StepStatus.Unknown => "{StepId} is not retried: the connection was lost while it ran, its effect is unknown and it is not idempotent",
                _ => "{StepId} is not retried: its effect is unknown (no answer) and it is not idempotent",
            }, step.Id);
            return false;
        }
        if (step.Retry?.When is not { } when)
        {
            return true;
        }
        var attemptRoot = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["number"] = (long)attempt, ["status"] = StepState.Name(status), ["exitCode"] = outcome.ExitCode is { } c ? (long)c : null,
            ["error"] = outcome.Error, ["outputs"] = outcome.Outputs, ["stdout"] = outcome.Stdout, ["stderr"] = outcome.Stderr,
        };
        try
        {
            return Renderer.Condition(run, when, frame.With(frame.Prefix, ("attempt", attemptRoot)), $"{step.Retry.WhenSpan}: {step.Path}.retry.when");
        }
        catch (RunbooksException ex)
        {
            log.Error("{StepId} retry.when could not be evaluated, not retrying: {Error}", step.Id, ex.Message);
            return false;
        }
    }

    private IReadOnlyDictionary<string, object?> StepOutputs(StepDefinition step, Frame frame, ActionResult result, IReadOnlyDictionary<string, object?> outputs)
    {
        var resultRoot = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["outputs"] = outputs, ["stdout"] = run.Masker.Apply(result.Stdout ?? ""), ["stderr"] = run.Masker.Apply(result.Stderr ?? ""),
            ["exitCode"] = result.ExitCode is { } c ? (long)c : null, ["changed"] = result.Changed,
        };
        var merged = new Dictionary<string, object?>(outputs, StringComparer.Ordinal);
        var withResult = frame.With(frame.Prefix, ("result", resultRoot));
        foreach (var (name, value) in step.Outputs)
        {
            merged[name] = run.Masker.ApplyToValue(Renderer.Render(run, value, withResult));
        }
        return merged;
    }

    private StepResult ToResult(StepDefinition step, string path, string action, StepAttemptOutcome outcome, int attempts, DateTimeOffset started) => new()
    {
        Path = path, StepId = step.Id, Action = action, Target = run.Target.Name, Status = outcome.Status, Attempts = attempts,
        StartedAt = started, EndedAt = outcome.EndedAt, Outputs = outcome.Outputs, ExitCode = outcome.ExitCode,
        Stdout = outcome.Stdout, Stderr = outcome.Stderr, Error = outcome.Error, Changed = outcome.Changed,
    };

    private bool Record(StepDefinition step, Frame frame, string path, string action, StepStatus status, int attempts, DateTimeOffset started,
        string? error = null, string? plan = null)
    {
        Record(frame, step, new StepResult
        {
            Path = path, StepId = step.Id, Action = action, Target = run.Target.Name, Status = status, Attempts = attempts,
            StartedAt = started, EndedAt = run.Now, Error = error, Plan = plan,
        });
        return status is StepStatus.Succeeded or StepStatus.Planned;
    }

    private bool Record(Frame frame, StepDefinition step, StepResult result)
    {
        run.Results.Add(result);
        run.SetStepState(frame, step.Id, StepState.From(result));
        return result.Status is StepStatus.Succeeded or StepStatus.Planned;
    }
}
