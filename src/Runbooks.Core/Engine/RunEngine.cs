using Runbooks.Core.Diagnostics;
using Runbooks.Core.Execution;
using Runbooks.Core.Journal;
using Runbooks.Core.Model;
using Runbooks.Core.Secrets;
using Runbooks.Core.Shapes;
using Runbooks.Core.Templates;
using Runbooks.Core.Validation;

namespace Runbooks.Core.Engine;

/// <summary>
/// Runs validated runbooks. The same engine serves the CLI, tests and (later) Hangfire workers: it knows nothing
/// of where it runs, only the <see cref="EngineServices"/> it is given.
/// <para>
/// Order of a run: parameters and secrets are checked (a problem stops the run before anything acts); the run is
/// recorded; steps run; on failure the runbook's <c>onFailure</c> steps run; <c>finally</c> steps always run, even
/// after a cancel; outputs render; the end is recorded. Every step attempt is recorded before it acts.
/// </para>
/// </summary>
public sealed class RunEngine
{
    private readonly EngineServices _services;
    private readonly ShellParameterGuard _shellGuard;

    // The secrets a runbook version reads never change: find them once, not on every run.
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<RunbookDefinition, string[]> _secretNames = [];

    /// <summary>Creates an engine over its services.</summary>
    public RunEngine(EngineServices services)
    {
        ArgumentNullException.ThrowIfNull(services);
        _services = services;
        _shellGuard = new ShellParameterGuard(services.Actions, services.Templates);
    }

    /// <summary>
    /// Runs (or dry-runs) a runbook to the end. Cancelling the token cancels the run: the running step is stopped,
    /// later steps are marked cancelled, <c>finally</c> runs, and the result says <see cref="RunStatus.Cancelled"/>.
    /// On remote targets the run rolls through the hosts by the runbook's strategy (docs/rollouts.md): each host runs
    /// every step, its failure handlers and <c>finally</c>; the run succeeds only when every host succeeded.
    /// Throws <see cref="RunbookValidationException"/> when parameters do not fit, and
    /// <see cref="RunbooksException"/> when a secret is missing or targets cannot be resolved — in both cases
    /// before anything runs.
    /// </summary>
    public async Task<RunResult> RunAsync(RunRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var runbook = request.Runbook;
        var masker = request.Masker ?? new SecretMasker();
        var parameters = BindParameters(runbook, request.Parameters, masker);
        _shellGuard.Check(runbook, parameters);
        var secrets = ResolveSecrets(runbook, masker);
        if (runbook.Targets.IsLocal)
        {
            // A sub-runbook without targets acts on its caller's host: it is a procedure for that host.
            var local = request.CallerExecutor is { } caller && runbook.Targets.IsOmitted ? caller : _services.Executors.For(TargetInfo.Local);
            var scope = await StartRunAsync(request, masker, parameters, secrets, [local.Target.Name]);
            var target = await RunTargetAsync(scope, local, batch: 0, cancellationToken);
            return await FinishRunAsync(scope, [target], rollout: null, halt: null, cancellationToken);
        }
        var hosts = request.TargetNames is { } names ? HostsByName(runbook, names) : ResolveRemoteTargets(runbook, parameters, request);
        var plan = Rollout.RolloutPlan.Create([.. hosts.Select(h => h.Name)], runbook.Targets.Strategy);
        var byName = hosts.ToDictionary(h => h.Name, StringComparer.Ordinal);
        var fleet = await StartRunAsync(request, masker, parameters, secrets, [.. plan.Batches.SelectMany(b => b)]);
        ITargetExecutor ExecutorFor(string name)
        {
            var host = byName[name];
            var info = new TargetInfo(host.Name, "ssh", host.Address, host.Labels);
            // A plan renders every step for every host, in rollout order, and connects to none of them.
            return request.DryRun ? new PlanOnlyExecutor(info) : _services.Executors.For(info);
        }
        if (request.DryRun)
        {
            var planned = new List<TargetRun>();
            for (var batch = 0; batch < plan.Batches.Count; batch++)
            {
                foreach (var name in plan.Batches[batch])
                {
                    planned.Add(await RunTargetAsync(fleet, ExecutorFor(name), batch + 1, cancellationToken));
                }
            }
            return await FinishRunAsync(fleet, planned, plan.Describe(), halt: null, cancellationToken);
        }
        async Task<TargetRun> RunHostAsync(string name, int batch, CancellationToken token)
        {
            ITargetExecutor executor;
            try
            {
                executor = ExecutorFor(name);
            }
            catch (RunbooksException ex)
            {
                // No way to reach this host: it fails, and the rollout counts it like any other failure.
                fleet.Log.ForContext("Target", name).Error("{Target} cannot be reached: {Error}", name, ex.Message);
                var now = _services.Time.GetUtcNow();
                return new TargetRun(new TargetResult { Target = name, Batch = batch, Status = StepStatus.Failed, Error = ex.Message, StartedAt = now, EndedAt = now }, []);
            }
            if (_services.Locks is not { } locks)
            {
                return await RunTargetAsync(fleet, executor, batch, token);
            }
            Locks.ITargetLease lease;
            try
            {
                lease = await locks.AcquireAsync(new Locks.LockRequest(name, fleet.RunId, request.RootRunId ?? fleet.RunId, runbook.Name,
                    _services.WorkerName, _services.LockWaitTimeout), token);
            }
            catch (RunbooksException ex)
            {
                // Another run holds the host past the wait: this host fails (the rollout counts it), saying who holds it.
                fleet.Log.ForContext("Target", name).Error("{Target} is locked: {Error}", name, ex.Message);
                var now = _services.Time.GetUtcNow();
                return new TargetRun(new TargetResult { Target = name, Batch = batch, Status = StepStatus.Failed, Error = ex.Message, StartedAt = now, EndedAt = now }, []);
            }
            await using (lease)
            {
                // A lease lost (its renewals failed, another worker took the host) stops the steps on the host.
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(token, lease.Lost);
                return await RunTargetAsync(fleet, executor, batch, linked.Token);
            }
        }
        var rollout = new Rollout.RolloutRunner(plan, _services.Time, fleet.Log) { Paused = () => fleet.Parking.IsParked || request.Drain.IsCancellationRequested };
        var (runs, halt) = await rollout.RunAsync(
            RunHostAsync,
            (name, batch, reason, status) => SkipTargetAsync(fleet, name, batch, reason, status),
            runbook.Targets.Strategy.HealthCheck.Count == 0 ? null : (batch, done, token) => HealthCheckAsync(fleet, batch, done, token),
            cancellationToken);
        return await FinishRunAsync(fleet, runs, plan.Describe(), halt, cancellationToken);
    }

    /// <summary>
    /// What a queued run needs checked before it is queued: its parameters fit (with defaults), and its targets resolve
    /// against the inventory. Returns the parameters as the journal stores them (secrets masked) and the host names
    /// (empty for a local run). Throws exactly what <see cref="RunAsync"/> would throw, before anything is queued.
    /// </summary>
    public (IReadOnlyDictionary<string, object?> Parameters, IReadOnlyList<string> Targets) Prepare(RunRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var runbook = request.Runbook;
        var masker = new SecretMasker();
        var parameters = BindParameters(runbook, request.Parameters, masker);
        _shellGuard.Check(runbook, parameters);
        IReadOnlyList<string> targets = runbook.Targets.IsLocal ? [] : [.. ResolveRemoteTargets(runbook, parameters, request).Select(h => h.Name)];
        return (MaskedParameters(runbook, parameters, masker), targets);
    }

    /// <summary>Records the run's start; everything a target's run shares.</summary>
    private async Task<RunScope> StartRunAsync(RunRequest request, SecretMasker masker, Dictionary<string, object?> parameters,
        Dictionary<string, object?> secrets, IReadOnlyList<string> targets)
    {
        var runbook = request.Runbook;
        var now = _services.Time.GetUtcNow();
        var started = request.Resume?.StartedAt ?? now;
        var runId = request.Resume?.RunId ?? Guid.CreateVersion7(started).ToString("N");
        var log = _services.Log.ForContext(
        [
            new RedactingEnricher(masker), FixedProperties.Of(("RunId", runId), ("Runbook", runbook.Name)),
        ]);
        if (request.Resume is { } resume)
        {
            await _services.Journal.RunResumedAsync(runId, resume.ResumedBy, masker.Apply(resume.Reason), !resume.History.IsEmpty, now, CancellationToken.None);
            log.Information("Run {RunId} of {Runbook} continues ({Reason}, by {ResumedBy})", runId, runbook.Name, masker.Apply(resume.Reason), resume.ResumedBy);
            return new RunScope(runId, request, masker, parameters, secrets, started, log);
        }
        await _services.Journal.RunStartedAsync(new RunRecord
        {
            RunId = runId, ParentRunId = request.ParentRunId, Runbook = runbook.Name, ContentHash = runbook.ContentHash,
            RunbookSource = runbook.Source, RunbookPath = runbook.SourcePath,
            Trigger = request.Trigger, Parameters = MaskedParameters(runbook, parameters, masker), Targets = targets,
            DryRun = request.DryRun, StartedAt = started,
        }, CancellationToken.None);
        // The journal records the start; the log says it at Debug, and the end (with the trigger) at Information, so a
        // run of a few steps does not log more about itself than about its steps.
        if (log.IsEnabled(Serilog.Events.LogEventLevel.Debug))
        {
            log.Debug("Run {RunId} of {Runbook} started by {Trigger} on {TargetCount} target(s){DryRun}", runId, runbook.Name,
                request.Trigger, targets.Count, request.DryRun ? " (dry-run)" : "");
        }
        return new RunScope(runId, request, masker, parameters, secrets, started, log);
    }

    /// <summary>
    /// Runs the runbook on one target: its steps, then (after a failure) its <c>onFailure</c> steps, always its
    /// <c>finally</c> steps, then its outputs. Never throws for a step's failure: the result says what happened.
    /// </summary>
    private async Task<TargetRun> RunTargetAsync(RunScope scope, ITargetExecutor executor, int batch, CancellationToken cancellationToken)
    {
        var request = scope.Request;
        var runbook = request.Runbook;
        var runId = scope.RunId;
        var started = _services.Time.GetUtcNow();
        var log = scope.Log.ForContext("Target", executor.Target.Name);
        var run = new RunContext
        {
            RunId = runId, Runbook = runbook, Request = request, Services = _services, Masker = scope.Masker, Log = log,
            Params = scope.Parameters, SecretValues = scope.Secrets, Executor = executor,
            Cancellation = cancellationToken, Parking = scope.Parking,
            RunInfo = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["id"] = runId, ["runbook"] = runbook.Name, ["trigger"] = request.Trigger,
                ["startedAt"] = scope.StartedAt.ToString("O"), ["dryRun"] = request.DryRun, ["parentId"] = request.ParentRunId,
            },
        };
        var runner = new StepRunner(run, this);
        bool ok;
        string? crash = null;
        try
        {
            ok = await runner.RunSequenceAsync(runbook.Steps, Frame.Root);
        }
        catch (Exception ex) when (ex.IsCatchable() && ex is not OperationCanceledException and not JournalUnavailableException)
        {
            // A bug must not lose the run: it is recorded as failed, and onFailure and finally still run.
            log.Error("Run {RunId} stopped by an internal error: {Error}", runId, scope.Masker.Apply(ex.Message));
            (ok, crash) = (false, $"internal error: {scope.Masker.Apply(ex.Message)}");
        }
        var cancelled = cancellationToken.IsCancellationRequested;
        if (scope.Parking.IsParked && crash is null)
        {
            return Parked(scope, executor.Target.Name, batch, started, run);
        }
        var error = ok ? null : cancelled ? "cancelled" : crash ?? FirstFailure(run);
        var errorRoot = request.DryRun ? PlannedError(null) : error is null ? null : new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["message"] = error, ["step"] = FirstFailedStep(run), ["status"] = cancelled ? "cancelled" : "failed",
        };
        if ((!ok && !cancelled || request.DryRun) && runbook.OnFailure.Count > 0)
        {
            await runner.RunSequenceAsync(runbook.OnFailure, Frame.Root.With("onFailure/", ("error", errorRoot)));
        }
        // finally runs whatever happened, cancellation included, so it gets a token of its own.
        run.Cancellation = CancellationToken.None;
        var finallyOk = runbook.Finally.Count == 0 || await runner.RunSequenceAsync(runbook.Finally, Frame.Root.With("finally/", ("error", errorRoot)));
        if (scope.Parking.IsParked)
        {
            // Parked inside a failure handler or finally: the rest of them runs when the run continues.
            return Parked(scope, executor.Target.Name, batch, started, run);
        }
        if (ok && !finallyOk)
        {
            ok = false;
            error = FirstFailure(run);
        }
        IReadOnlyDictionary<string, object?> outputs = new Dictionary<string, object?>();
        if (ok && !request.DryRun && runbook.Outputs.Count > 0)
        {
            try
            {
                outputs = scope.Masker.ApplyToMap(runbook.Outputs.ToDictionary(o => o.Key, o => Renderer.Render(run, o.Value, Frame.Root), StringComparer.Ordinal));
            }
            catch (RunbooksException ex)
            {
                (ok, error) = (false, $"outputs: {ex.Message}");
            }
        }
        var status = request.DryRun ? StepStatus.Planned : cancelled ? StepStatus.Cancelled : ok ? StepStatus.Succeeded : StepStatus.Failed;
        return new TargetRun(new TargetResult
        {
            Target = executor.Target.Name, Batch = batch, Status = status, Error = error, Outputs = outputs,
            StartedAt = started, EndedAt = _services.Time.GetUtcNow(),
        }, run.Results.ToArray());
    }

    /// <summary>A target whose run stopped without ending (in doubt, suspended, handed back): nothing more is recorded.</summary>
    private TargetRun Parked(RunScope scope, string target, int batch, DateTimeOffset started, RunContext run)
    {
        var (_, reason, _) = scope.Parking.State!.Value;
        return new TargetRun(new TargetResult
        {
            Target = target, Batch = batch, Status = scope.Parking.TargetStatus, Error = reason, StartedAt = started, EndedAt = _services.Time.GetUtcNow(),
        }, run.Results.ToArray());
    }

    /// <summary>A host the rollout never started: each of its steps is recorded as not run, with the reason.</summary>
    private async Task<TargetRun> SkipTargetAsync(RunScope scope, string target, int batch, string reason, StepStatus status)
    {
        if (scope.Parking.IsParked)
        {
            // Not skipped: not started yet. The resumed run starts it.
            return new TargetRun(new TargetResult { Target = target, Batch = batch, Status = StepStatus.Pending, Error = "not started yet" }, []);
        }
        var at = _services.Time.GetUtcNow();
        var steps = new List<StepResult>();
        foreach (var step in scope.Request.Runbook.Steps)
        {
            if (scope.Request.Resume?.History.SkipReason(target, step.Id) is not null)
            {
                continue; // recorded before the run stopped
            }
            await _services.Journal.StepSkippedAsync(scope.RunId, step.Id, target, reason, at, CancellationToken.None);
            steps.Add(new StepResult
            {
                Path = step.Id, StepId = step.Id, Target = target, Status = status, Error = reason,
                Action = step.Kind switch { StepKind.ForEach => "forEach", StepKind.Parallel => "parallel", _ => step.Action ?? "" },
            });
        }
        return new TargetRun(new TargetResult { Target = target, Batch = batch, Status = status, Error = reason }, [.. steps]);
    }

    /// <summary>
    /// Runs <c>targets.strategy.healthCheck</c> on this machine after a batch; null when it passed, else why not.
    /// Its steps see <c>rollout.batch</c> (the batch number), <c>rollout.hosts</c> (that batch's hosts) and
    /// <c>rollout.failedHosts</c> (hosts failed so far).
    /// </summary>
    private async Task<string?> HealthCheckAsync(RunScope scope, int batch, IReadOnlyList<TargetRun> done, CancellationToken cancellationToken)
    {
        var runbook = scope.Request.Runbook;
        var executor = _services.Executors.For(TargetInfo.Local);
        var run = new RunContext
        {
            RunId = scope.RunId, Runbook = runbook, Request = scope.Request, Services = _services, Masker = scope.Masker,
            Log = scope.Log.ForContext("Target", executor.Target.Name), Params = scope.Parameters, SecretValues = scope.Secrets,
            Executor = executor, Cancellation = cancellationToken, Parking = scope.Parking,
            RunInfo = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["id"] = scope.RunId, ["runbook"] = runbook.Name, ["trigger"] = scope.Request.Trigger,
                ["startedAt"] = scope.StartedAt.ToString("O"), ["dryRun"] = false, ["parentId"] = scope.Request.ParentRunId,
            },
        };
        var rollout = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["batch"] = (long)batch,
            ["hosts"] = done.Where(r => r.Result.Batch == batch).Select(r => (object?)r.Result.Target).ToList(),
            ["failedHosts"] = done.Where(r => r.Result.Failed).Select(r => (object?)r.Result.Target).ToList(),
        };
        var ok = await new StepRunner(run, this).RunSequenceAsync(runbook.Targets.Strategy.HealthCheck,
            Frame.Root.With($"healthCheck[{batch}]/", ("rollout", rollout)));
        scope.HealthChecks.AddRange(run.Results.ToArray());
        return ok ? null : FirstFailure(run);
    }

    private async Task<RunResult> FinishRunAsync(RunScope scope, IReadOnlyList<TargetRun> targets, string? rollout, string? halt, CancellationToken cancellationToken)
    {
        var request = scope.Request;
        if (request.Drain.IsCancellationRequested && !request.DryRun && targets.Any(t => t.Result.Status == StepStatus.Pending))
        {
            scope.Parking.Park(RunStatus.Queued, "the worker is shutting down; the run was handed back and continues on the next worker");
        }
        if (scope.Parking.State is { } parked)
        {
            return await ParkRunAsync(scope, targets, rollout, parked);
        }
        var cancelled = cancellationToken.IsCancellationRequested;
        var failed = targets.Where(t => t.Result.Failed).ToList();
        var status = cancelled ? RunStatus.Cancelled
            : failed.Count == 0 && halt is null && targets.All(t => t.Result.Status is StepStatus.Succeeded or StepStatus.Planned) ? RunStatus.Succeeded
            : RunStatus.Failed;
        string? error;
        IReadOnlyDictionary<string, object?> outputs;
        if (rollout is null)
        {
            // One target: the run is that target's run.
            (error, outputs) = (targets[0].Result.Error, targets[0].Result.Outputs);
        }
        else
        {
            error = cancelled ? "cancelled"
                : status == RunStatus.Succeeded ? null
                : string.Join("; ", new[]
                {
                    failed.Count == 0 ? null : $"{failed.Count} of {targets.Count} host(s) failed: " +
                        string.Join(", ", failed.Take(5).Select(f => $"{f.Result.Target} ({f.Result.Error})")) + (failed.Count > 5 ? ", …" : ""),
                    halt,
                }.Where(part => part is not null));
            outputs = request.DryRun || status != RunStatus.Succeeded ? new Dictionary<string, object?>()
                : targets.Where(t => t.Result.Outputs.Count > 0).ToDictionary(t => t.Result.Target, t => (object?)t.Result.Outputs, StringComparer.Ordinal);
        }
        var ended = _services.Time.GetUtcNow();
        await _services.Journal.RunFinishedAsync(scope.RunId, status, error, outputs, ended, CancellationToken.None);
        scope.Log.Information("Run {RunId} of {Runbook} {Status} in {DurationMs} ms, started by {Trigger}{Error}", scope.RunId, request.Runbook.Name,
            status.ToString().ToLowerInvariant(), (long)(ended - scope.StartedAt).TotalMilliseconds, request.Trigger, error is null ? "" : $": {error}");
        return new RunResult
        {
            RunId = scope.RunId, Runbook = request.Runbook.Name, Status = status, Error = error, Outputs = outputs,
            Steps = [.. targets.SelectMany(t => t.Steps), .. scope.HealthChecks], Targets = [.. targets.Select(t => t.Result)],
            StartedAt = scope.StartedAt, EndedAt = ended, DryRun = request.DryRun, Rollout = rollout, Halted = halt, StartedByAlert = request.Alert is not null,
        };
    }

    /// <summary>The hosts a queued or resumed run was given, looked up again (addresses may have changed, names may not).</summary>
    private IReadOnlyList<Inventory.InventoryHost> HostsByName(RunbookDefinition runbook, IReadOnlyList<string> names)
    {
        var inventory = _services.Inventory ?? throw new RunbooksException(
            $"run of '{runbook.Name}' is for hosts {string.Join(", ", names)}, and no inventory is configured (Runbooks:Inventory in appsettings.json)");
        var missing = names.Where(n => inventory.Host(n) is null).ToList();
        if (missing.Count > 0)
        {
            throw new RunbooksException(
                $"run of '{runbook.Name}' is for host(s) no longer in the inventory: {string.Join(", ", missing)}; it cannot act on a host the inventory does not know");
        }
        return [.. names.Select(n => inventory.Host(n)!)];
    }

    private async Task<RunResult> ParkRunAsync(RunScope scope, IReadOnlyList<TargetRun> targets, string? rollout, (RunStatus Status, string Reason, DateTimeOffset? WakeAt) parked)
    {
        var at = _services.Time.GetUtcNow();
        var reason = scope.Masker.Apply(parked.Reason);
        await _services.Journal.RunParkedAsync(scope.RunId, parked.Status, reason, parked.WakeAt, at, CancellationToken.None);
        var level = parked.Status == RunStatus.InDoubt ? Serilog.Events.LogEventLevel.Error : Serilog.Events.LogEventLevel.Information;
        scope.Log.Write(level, "Run {RunId} of {Runbook} is {Status}: {Reason}", scope.RunId, scope.Request.Runbook.Name,
            StepState.RunStatusName(parked.Status), reason);
        return new RunResult
        {
            RunId = scope.RunId, Runbook = scope.Request.Runbook.Name, Status = parked.Status, Error = reason, Outputs = new Dictionary<string, object?>(),
            Steps = [.. targets.SelectMany(t => t.Steps), .. scope.HealthChecks], Targets = [.. targets.Select(t => t.Result)],
            StartedAt = scope.StartedAt, EndedAt = at, DryRun = scope.Request.DryRun, Rollout = rollout, WakeAt = parked.WakeAt,
            StartedByAlert = scope.Request.Alert is not null,
        };
    }

    // Remote targets resolve against the inventory before anything else, so an unknown host is reported as such.
    private IReadOnlyList<Inventory.InventoryHost> ResolveRemoteTargets(RunbookDefinition runbook, Dictionary<string, object?> parameters, RunRequest request)
    {
        if (_services.Inventory is not { } inventory)
        {
            throw new RunbooksException(
                $"{runbook.Targets.Span}: targets: hosts, groups and selectors resolve against an inventory, and none is configured " +
                "(Runbooks:Inventory in appsettings.json); use targets: local to run on this machine");
        }
        var scope = new TemplateScope(new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["params"] = parameters,
            ["alert"] = request.Alert,
        });
        var names = runbook.Targets.Hosts.Select(host => host switch
        {
            LiteralValue literal => Convert.ToString(literal.Value, System.Globalization.CultureInfo.InvariantCulture) ?? "",
            TemplateText text => Convert.ToString(_services.Templates.Evaluate(_services.Templates.Compile(text.Text, TemplateKind.Text), scope, CancellationToken.None),
                System.Globalization.CultureInfo.InvariantCulture) ?? "",
            _ => "",
        }).ToList();
        var (hosts, problems) = Inventory.TargetResolver.Resolve(runbook.Targets, names, inventory);
        if (problems.Count > 0)
        {
            throw new RunbookValidationException(problems);
        }
        return hosts;
    }

    private static Dictionary<string, object?> BindParameters(RunbookDefinition runbook, IReadOnlyDictionary<string, object?> given, SecretMasker masker)
    {
        var diagnostics = new DiagnosticBag();
        var span = runbook.Span with { File = runbook.SourcePath };
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, _) in given)
        {
            if (runbook.Parameter(name) is null)
            {
                var declared = runbook.Parameters.Select(p => p.Name).ToList();
                diagnostics.Add(RuleCodes.UndeclaredParameter, span, $"parameters.{name}",
                    $"'{runbook.Name}' has no parameter '{name}'{Suggestions.Hint(name, declared)}; its parameters: {(declared.Count == 0 ? "none" : string.Join(", ", declared))}");
            }
        }
        foreach (var parameter in runbook.Parameters)
        {
            if (!given.TryGetValue(parameter.Name, out var raw) || raw is null)
            {
                if (parameter.Default is not null)
                {
                    values[parameter.Name] = parameter.Default;
                }
                else if (parameter.Required)
                {
                    diagnostics.Add(RuleCodes.MissingParameter, parameter.Span, $"parameters.{parameter.Name}",
                        $"parameter '{parameter.Name}' ({ValueKindNames.Name(parameter.Type)}) is required; pass it with -p {parameter.Name}=…");
                }
                else
                {
                    values[parameter.Name] = null;
                }
                continue;
            }
            if (ParameterValues.Check(parameter, raw, out var typed) is { } problem)
            {
                diagnostics.Add(RuleCodes.BadParameterValue, parameter.Span, $"parameters.{parameter.Name}", $"parameter '{parameter.Name}': {problem}");
                continue;
            }
            values[parameter.Name] = typed;
        }
        foreach (var parameter in runbook.Parameters.Where(p => p.Type == ValueKind.Secret))
        {
            masker.Add(values.GetValueOrDefault(parameter.Name) as string);
        }
        if (diagnostics.HasErrors)
        {
            throw new RunbookValidationException(diagnostics.Items);
        }
        return values;
    }

    private Dictionary<string, object?> ResolveSecrets(RunbookDefinition runbook, SecretMasker masker)
    {
        var names = _secretNames.GetValue(runbook, SecretNames);
        var values = new Dictionary<string, object?>(StringComparer.Ordinal);
        var missing = new List<string>();
        foreach (var name in names)
        {
            if (_services.Secrets.TryGet(name, out var value))
            {
                masker.Add(value);
                values[name] = value;
            }
            else
            {
                missing.Add($"secrets.{name}: {_services.Secrets.Describe(name)}");
            }
        }
        if (missing.Count > 0)
        {
            throw new RunbooksException($"'{runbook.Name}' needs secrets that are not set, so it did not start:{Environment.NewLine}  " +
                string.Join(Environment.NewLine + "  ", missing));
        }
        return values;
    }

    private string[] SecretNames(RunbookDefinition runbook)
    {
        var names = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (source, kind) in TemplateSources.All(runbook))
        {
            foreach (var reference in _services.Templates.Compile(source, kind).References)
            {
                if (reference.Root == "secrets" && reference.Path.Count > 1)
                {
                    names.Add(reference.Path[1]);
                }
            }
        }
        return [.. names];
    }

    private static Dictionary<string, object?> MaskedParameters(RunbookDefinition runbook, Dictionary<string, object?> values, SecretMasker masker) =>
        values.ToDictionary(
            kv => kv.Key,
            kv => runbook.Parameter(kv.Key)?.Type == ValueKind.Secret && kv.Value is not null ? SecretMasker.Mask : masker.ApplyToValue(kv.Value),
            StringComparer.Ordinal);

    /// <summary>What <c>error</c> holds while a dry-run plans failure handlers: placeholders, since nothing failed.</summary>
    internal static Dictionary<string, object?> PlannedError(string? step) => new(StringComparer.Ordinal)
    {
        ["message"] = "(the error message, known at run time)", ["step"] = step ?? "(the failed step)", ["status"] = "failed",
    };

    /// <summary>What every target's run of one run shares.</summary>
    private sealed record RunScope(string RunId, RunRequest Request, SecretMasker Masker, IReadOnlyDictionary<string, object?> Parameters,
        IReadOnlyDictionary<string, object?> Secrets, DateTimeOffset StartedAt, Serilog.ILogger Log)
    {
        /// <summary>Whether (and why) the run stopped without ending; shared by all its targets.</summary>
        public RunParking Parking { get; } = new();

        /// <summary>Health-check steps run between batches, in order (only the rollout writes here, between batches).</summary>
        public List<StepResult> HealthChecks { get; } = [];
    }

    private static string? FirstFailure(RunContext run) =>
        (run.FatalFailure ?? run.Results.FirstOrDefault(r => r.Status is StepStatus.Failed or StepStatus.TimedOut or StepStatus.Unknown)) is { } failed
            ? $"step '{failed.Path}' {StepState.Name(failed.Status)}: {failed.Error}"
            : "a step failed";

    private static string? FirstFailedStep(RunContext run) =>
        (run.FatalFailure ?? run.Results.FirstOrDefault(r => r.Status is StepStatus.Failed or StepStatus.TimedOut or StepStatus.Unknown or StepStatus.Cancelled))?.StepId;
}
