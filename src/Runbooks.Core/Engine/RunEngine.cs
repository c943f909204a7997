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
            return await RunOnTargetAsync(request, _services.Executors.For(TargetInfo.Local), parameters, secrets, masker, cancellationToken);
        }
        var hosts = ResolveRemoteTargets(runbook, parameters, request);
        var plan = Rollout.RolloutPlan.Create([.. hosts.Select(h => h.Name)], runbook.Targets.Strategy);
        if (!request.DryRun)
        {
            throw new RunbooksException(
                $"{runbook.Targets.Span}: targets resolve to {hosts.Count} host(s) ({string.Join(", ", hosts.Select(h => h.Name))}); " +
                "running on remote hosts needs the SSH transport, which this version does not have yet; nothing connected (plan it with --dry-run)");
        }
        // A plan renders every step for every host, in rollout order, and connects to none of them.
        var results = new List<RunResult>();
        foreach (var host in plan.Batches.SelectMany(b => b))
        {
            var target = hosts.First(h => h.Name == host);
            var info = new TargetInfo(target.Name, "ssh", target.Address, target.Labels);
            results.Add(await RunOnTargetAsync(request, new PlanOnlyExecutor(info), parameters, secrets, masker, cancellationToken));
        }
        return results[0] with
        {
            Steps = [.. results.SelectMany(r => r.Steps)],
            EndedAt = results[^1].EndedAt,
            Status = results.All(r => r.Status == RunStatus.Succeeded) ? RunStatus.Succeeded : RunStatus.Failed,
            Rollout = plan.Describe(),
        };
    }

    private async Task<RunResult> RunOnTargetAsync(RunRequest request, ITargetExecutor executor, Dictionary<string, object?> parameters,
        Dictionary<string, object?> secrets, SecretMasker masker, CancellationToken cancellationToken)
    {
        var runbook = request.Runbook;
        var target = executor.Target;
        var runId = Guid.CreateVersion7(_services.Time.GetUtcNow()).ToString("N");
        var started = _services.Time.GetUtcNow();
        var log = _services.Log.ForContext(
        [
            new RedactingEnricher(masker), FixedProperties.Of(("RunId", runId), ("Runbook", runbook.Name), ("Target", target.Name)),
        ]);
        var run = new RunContext
        {
            RunId = runId, Runbook = runbook, Request = request, Services = _services, Masker = masker, Log = log,
            Params = parameters, SecretValues = secrets, Executor = executor,
            Cancellation = cancellationToken,
            RunInfo = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["id"] = runId, ["runbook"] = runbook.Name, ["trigger"] = request.Trigger,
                ["startedAt"] = started.ToString("O"), ["dryRun"] = request.DryRun, ["parentId"] = request.ParentRunId,
            },
        };
        await _services.Journal.RunStartedAsync(new RunRecord
        {
            RunId = runId, ParentRunId = request.ParentRunId, Runbook = runbook.Name, ContentHash = runbook.ContentHash,
            Trigger = request.Trigger, Parameters = MaskedParameters(runbook, parameters, masker), Targets = [target.Name],
            DryRun = request.DryRun, StartedAt = started,
        }, CancellationToken.None);
        // The journal records the start; the log says it at Debug, and the end (with the trigger) at Information, so a
        // run of a few steps does not log more about itself than about its steps.
        if (log.IsEnabled(Serilog.Events.LogEventLevel.Debug))
        {
            log.Debug("Run {RunId} of {Runbook} started by {Trigger}{DryRun}", runId, runbook.Name, request.Trigger, request.DryRun ? " (dry-run)" : "");
        }

        var runner = new StepRunner(run, this);
        bool ok;
        string? crash = null;
        try
        {
            ok = await runner.RunSequenceAsync(runbook.Steps, Frame.Root);
        }
        catch (Exception ex) when (ex.IsCatchable() && ex is not OperationCanceledException)
        {
            // A bug must not lose the run: it is recorded as failed, and onFailure and finally still run.
            log.Error("Run {RunId} stopped by an internal error: {Error}", runId, masker.Apply(ex.Message));
            (ok, crash) = (false, $"internal error: {masker.Apply(ex.Message)}");
        }
        var cancelled = cancellationToken.IsCancellationRequested;
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
                outputs = masker.ApplyToMap(runbook.Outputs.ToDictionary(o => o.Key, o => Renderer.Render(run, o.Value, Frame.Root), StringComparer.Ordinal));
            }
            catch (RunbooksException ex)
            {
                (ok, error) = (false, $"outputs: {ex.Message}");
            }
        }
        var status = cancelled ? RunStatus.Cancelled : ok ? RunStatus.Succeeded : RunStatus.Failed;
        var ended = _services.Time.GetUtcNow();
        await _services.Journal.RunFinishedAsync(runId, status, error, outputs, ended, CancellationToken.None);
        log.Information("Run {RunId} of {Runbook} {Status} in {DurationMs} ms, started by {Trigger}{Error}", runId, runbook.Name,
            status.ToString().ToLowerInvariant(), (long)(ended - started).TotalMilliseconds, request.Trigger, error is null ? "" : $": {error}");
        return new RunResult
        {
            RunId = runId, Runbook = runbook.Name, Status = status, Error = error, Outputs = outputs,
            Steps = run.Results.ToArray(), StartedAt = started, EndedAt = ended, DryRun = request.DryRun,
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

    private static string? FirstFailure(RunContext run) =>
        (run.FatalFailure ?? run.Results.FirstOrDefault(r => r.Status is StepStatus.Failed or StepStatus.TimedOut)) is { } failed
            ? $"step '{failed.Path}' {StepState.Name(failed.Status)}: {failed.Error}"
            : "a step failed";

    private static string? FirstFailedStep(RunContext run) =>
        (run.FatalFailure ?? run.Results.FirstOrDefault(r => r.Status is StepStatus.Failed or StepStatus.TimedOut or StepStatus.Cancelled))?.StepId;
}
