using Runbooks.Core;
using Runbooks.Core.Engine;
using Runbooks.Core.Journal;
using Runbooks.Core.Model;
using Runbooks.Core.Secrets;
using Runbooks.Core.Shapes;
using Runbooks.Core.Validation;

namespace Runbooks.Storage;

/// <summary>
/// Continues a run from the journal — the one path used by a worker's job (a queued run, a run whose worker died, a
/// woken suspended run) and by <c>runbooks runs resume</c>. It claims the run first, then reads its exact runbook version
/// and history, then lets the engine replay what ended and run the rest (docs/guarantees.md). <paramref name="time"/>
/// stamps a worker's claim (the engine's clock stamps the rest; default: the system clock).
/// </summary>
public sealed class RunContinuation(JournalStore store, RunbookLoader loader, RunEngine engine, TimeProvider? time = null)
{
    // A runbook version is immutable (its hash is its content): parse and validate it once per process, not per run.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, LoadResult> _versions = new(StringComparer.Ordinal);

    /// <summary>
    /// Claims and continues <paramref name="runId"/>. Returns null when there is nothing to do here (another worker
    /// owns it, or it has ended and <paramref name="options"/> does not insist); throws <see cref="RunbooksException"/>
    /// with the reason when it cannot be continued (in doubt without --skip/--from, a secret parameter not given again,
    /// a runbook version not stored).
    /// </summary>
    public async Task<RunResult?> ContinueAsync(string runId, ContinueOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Operator)
        {
            // A worker: the claim itself says whether there is anything to do here (ended, in doubt, owned elsewhere), and
            // takes the run, records its resume and reads it in one round trip.
            var claimed = await store.Journal.ClaimToContinueAsync(runId, options.By, options.Reason, (time ?? TimeProvider.System).GetUtcNow(), cancellationToken).ConfigureAwait(false);
            return claimed is null ? null : await RunClaimedAsync(claimed, options, cancellationToken).ConfigureAwait(false);
        }
        var peek = await store.Dispatch.PeekAsync(runId, cancellationToken).ConfigureAwait(false)
            ?? throw new RunbooksException($"there is no run {runId} in the journal at {store.Database.Location}");
        if (!peek.IsResumable)
        {
            throw new RunbooksException($"run {runId} has ended ({peek.Status}); only a queued, running, suspended or in-doubt run continues");
        }
        if (peek.Status == "inDoubt" && options.From is null && options.Skip.Count == 0)
        {
            throw new RunbooksException($"run {runId} is in doubt: {peek.StatusReason ?? "a step that is not idempotent may or may not have acted"}");
        }
        if (!await store.Journal.ClaimAsync(runId, cancellationToken).ConfigureAwait(false))
        {
            throw new RunbooksException($"run {runId} is being run by another worker right now (its lease is live); try again when it stops, or look at runbooks runs show {runId}");
        }
        return await ContinueClaimedAsync(runId, options, cancellationToken).ConfigureAwait(false);
    }

    private async Task<RunResult?> ContinueClaimedAsync(string runId, ContinueOptions options, CancellationToken cancellationToken)
    {
        ResumableRun run;
        try
        {
            // Read again under the claim: nothing moves it on now but this process.
            run = await store.Dispatch.LoadAsync(runId, cancellationToken).ConfigureAwait(false) ?? throw new RunbooksException($"run {runId} vanished from the journal");
        }
        catch
        {
            await store.Journal.ReleaseAsync(runId, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        return await RunClaimedAsync(run, options, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Continues a run this process has claimed and read; gives it back when it cannot be continued.</summary>
    private async Task<RunResult?> RunClaimedAsync(ResumableRun run, ContinueOptions options, CancellationToken cancellationToken)
    {
        RunRequest request;
        try
        {
            request = BuildRequest(run, options);
        }
        catch
        {
            await store.Journal.ReleaseAsync(run.RunId, CancellationToken.None).ConfigureAwait(false);
            throw;
        }
        return await engine.RunAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private RunRequest BuildRequest(ResumableRun run, ContinueOptions options)
    {
        if (run.RunbookSource is null)
        {
            throw new RunbooksException($"run {run.RunId} cannot continue: the journal has no copy of the runbook version it ran ({run.ContentHash[..12]})");
        }
        var source = run.RunbookSource;
        var loaded = _versions.GetOrAdd($"{run.ContentHash}:{run.RunbookPath}", _ => loader.LoadText(source, run.RunbookPath ?? $"{run.Runbook}.yaml"));
        if (!loaded.IsValid)
        {
            throw new RunbooksException($"run {run.RunId} cannot continue: its runbook version does not validate with this build:{Environment.NewLine}  " +
                string.Join(Environment.NewLine + "  ", loaded.Diagnostics));
        }
        var runbook = loaded.Runbook!;
        var parameters = new Dictionary<string, object?>(run.Parameters, StringComparer.Ordinal);
        foreach (var parameter in runbook.Parameters.Where(p => p.Type == ValueKind.Secret))
        {
            if (options.Parameters.TryGetValue(parameter.Name, out var given))
            {
                parameters[parameter.Name] = given;
            }
            else if (parameters.GetValueOrDefault(parameter.Name) as string == SecretMasker.Mask)
            {
                // Secrets are never stored in clear, so a run cannot take one back from the journal.
                throw new RunbooksException(
                    $"run {run.RunId} cannot continue here: its secret parameter '{parameter.Name}' is not stored; resume it with runbooks runs resume {run.RunId} -p {parameter.Name}=…, or give the runbook the secret through secrets.* instead");
            }
        }
        return new RunRequest
        {
            Runbook = runbook,
            Parameters = parameters,
            Trigger = run.Trigger,
            Alert = run.Alert,
            DryRun = run.DryRun,
            TargetNames = runbook.Targets.IsLocal || run.Targets.Count == 0 ? null : run.Targets,
            Drain = options.Drain,
            Resume = new ResumeRequest
            {
                RunId = run.RunId, StartedAt = run.StartedAt, History = run.History, From = options.From, Skip = options.Skip,
                ResumedBy = options.By, Reason = options.Reason,
            },
        };
    }
}

/// <summary>How to continue a run.</summary>
public sealed record ContinueOptions
{
    /// <summary>Who continues it (<c>worker:&lt;name&gt;</c>, <c>cli:alice</c>).</summary>
    public required string By { get; init; }

    /// <summary>Why (recorded).</summary>
    public string Reason { get; init; } = "resumed";

    /// <summary>A person asked (<c>runbooks runs resume</c>): problems are errors, not silently left to the next worker.</summary>
    public bool Operator { get; init; }

    /// <summary><c>--from</c>: run this step and every later one again.</summary>
    public string? From { get; init; }

    /// <summary><c>--skip</c>: these steps did their work; record them as skipped by the operator.</summary>
    public IReadOnlyList<string> Skip { get; init; } = [];

    /// <summary>Values given again (secret parameters are never stored).</summary>
    public IReadOnlyDictionary<string, object?> Parameters { get; init; } = new Dictionary<string, object?>();

    /// <summary>The worker's shutdown signal (see <see cref="RunRequest.Drain"/>).</summary>
    public CancellationToken Drain { get; init; }
}
