using Runbooks.Core.Journal;
using Runbooks.Core.Model;

namespace Runbooks.Core.Engine;

/// <summary>What a resumed run does with a step it reaches again.</summary>
internal enum ReplayKind
{
    /// <summary>Run it: it never started (or the operator asked for it again); attempts number on from the journal.</summary>
    Run,
    /// <summary>It ended before the stop: take its recorded result, do not act.</summary>
    Done,
    /// <summary>It started, its end is unknown and it is not idempotent: a person decides.</summary>
    InDoubt,
    /// <summary>The operator said it did its work (<c>--skip</c>): record it as skipped by them and go on.</summary>
    OperatorSkip,
}

/// <summary>The decision for one step on one target, with the attempt number the next attempt gets.</summary>
internal readonly record struct ReplayDecision(ReplayKind Kind, int NextAttempt, PriorAttempt? Prior = null, string? Reason = null);

/// <summary>
/// The rules that make a resumed run safe (docs/guarantees.md): a step that ended is never repeated; a step that
/// started and did not end is run again only when it is idempotent; otherwise the run stops in doubt until a person
/// resumes it with <c>--skip</c> (it did its work) or <c>--from</c> (do it again).
/// </summary>
internal static class StepReplay
{
    public static ReplayDecision Decide(RunContext run, StepDefinition step, string path, bool idempotent, bool isControl)
    {
        if (run.Request.Resume is not { } resume || run.DryRun)
        {
            return new ReplayDecision(ReplayKind.Run, 1);
        }
        var target = run.Target.Name;
        var history = resume.History;
        var next = history.HighestAttempt(target, path) + 1;
        if (resume.From is { } from && ResumeRequest.Names(from, step.Id, path))
        {
            run.FromReached = true;
        }
        if (run.FromReached)
        {
            return new ReplayDecision(ReplayKind.Run, next);
        }
        var last = history.Last(target, path);
        if (resume.Skip.Any(s => ResumeRequest.Names(s, step.Id, path)) && last?.Status is not StepStatus.Succeeded)
        {
            return new ReplayDecision(ReplayKind.OperatorSkip, next, last, $"skipped by {resume.ResumedBy} on resume: {resume.Reason}");
        }
        if (last is null)
        {
            return new ReplayDecision(ReplayKind.Run, next);
        }
        if (last.Status == StepStatus.Suspended)
        {
            // A gate or a wait: ask it again (it decides from the journal whether it is open now).
            return new ReplayDecision(ReplayKind.Run, next, last);
        }
        if (last.Status is not (StepStatus.Running or StepStatus.Interrupted))
        {
            return new ReplayDecision(ReplayKind.Done, next, last);
        }
        // forEach and parallel act only through their children, which decide for themselves: walk them again.
        if (isControl || (idempotent && last.Idempotent))
        {
            return new ReplayDecision(ReplayKind.Run, next, last);
        }
        return new ReplayDecision(ReplayKind.InDoubt, next, last, InDoubtReason(history, path, idempotent, last));
    }

    /// <summary>
    /// Why the step is in doubt, naming every target where it was interrupted: the first target to reach it parks the
    /// run, so the others may never get to say so, and a <c>--skip</c> of the step covers all of them. The text does not
    /// depend on which target decides, so the run's reason names each host once.
    /// </summary>
    private static string InDoubtReason(RunHistory history, string path, bool idempotent, PriorAttempt last)
    {
        var interrupted = history.Unfinished
            .Where(a => a.StepPath == path && !(idempotent && a.Idempotent))
            .Append(last)
            .DistinctBy(a => a.Target)
            .OrderBy(a => a.Target, StringComparer.Ordinal)
            .ToList();
        var hosts = string.Join(", ", interrupted.Select(a => a.Target));
        var where = interrupted.Count == 1
            ? $"on {last.Target} started at {last.StartedAt:u} (attempt {last.Attempt})"
            : $"started on {string.Join(", ", interrupted.Select(a => $"{a.Target} at {a.StartedAt:u} (attempt {a.Attempt})"))}";
        return $"step '{path}' {where} and its end is not known: the worker running it stopped. " +
            $"It is not idempotent, so it was not run again. Check {hosts}, then resume with --skip {path} (it did its work) or --from {path} (run it again)";
    }

    /// <summary>The result a replayed step contributes: exactly what it recorded.</summary>
    public static StepResult Result(StepDefinition step, string path, string target, PriorAttempt prior) => new()
    {
        Path = path, StepId = step.Id, Target = target, Action = prior.Action, Status = prior.Status, Attempts = prior.Attempt,
        StartedAt = prior.StartedAt, EndedAt = prior.EndedAt ?? prior.StartedAt, Outputs = prior.Outputs, ExitCode = prior.ExitCode,
        Stdout = prior.Stdout, Stderr = prior.Stderr, Error = prior.Error, Changed = prior.Changed, Replayed = true,
    };
}
