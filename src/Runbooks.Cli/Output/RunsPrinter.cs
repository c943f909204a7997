using System.Globalization;
using Runbooks.Storage;

namespace Runbooks.Cli.Output;

/// <summary>The text forms of <c>runbooks runs list|show|logs</c>: aligned tables, instants in UTC.</summary>
internal static class RunsPrinter
{
    public static void PrintList(IReadOnlyList<StoredRun> runs, TextWriter output)
    {
        if (runs.Count == 0)
        {
            output.WriteLine("No runs recorded yet.");
            return;
        }
        Table(output, ["RUN", "RUNBOOK", "STATUS", "STARTED (UTC)", "DURATION", "TARGETS", "TRIGGER"],
            runs.Select(r => new[]
            {
                r.RunId, r.Runbook, r.Status + (r.DryRun ? " (dry-run)" : ""), Instant(r.StartedAt), Duration(r.StartedAt, r.EndedAt),
                Targets(r.Targets), r.Trigger,
            }));
    }

    public static void PrintRun(RunDocument document, TextWriter output)
    {
        var run = document.Run;
        output.WriteLine($"Run {run.RunId} of {run.Runbook}: {run.Status}{(run.DryRun ? " (dry-run)" : "")}");
        output.WriteLine($"  started   {Instant(run.StartedAt)} by {run.Trigger}");
        output.WriteLine($"  ended     {(run.EndedAt is { } ended ? $"{Instant(ended)} after {Duration(run.StartedAt, ended)}" : "not recorded (still running, or its worker stopped)")}");
        output.WriteLine($"  runbook   sha256 {run.ContentHash}");
        output.WriteLine($"  targets   {Targets(run.Targets)}");
        if (run.Parameters.Count > 0)
        {
            output.WriteLine($"  params    {string.Join(", ", run.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={Json.Compact(p.Value)}"))}");
        }
        if (run.StatusReason is not null)
        {
            output.WriteLine($"  why       {run.StatusReason}");
        }
        if (run.Owner is not null)
        {
            output.WriteLine($"  owner     {run.Owner}");
        }
        if (run.WakeAt is { } wake)
        {
            output.WriteLine($"  wakes     {Instant(wake)}");
        }
        foreach (var approval in document.Approvals)
        {
            var gate = approval.Gate;
            output.WriteLine($"  approval  {gate.StepPath}: {approval.Decisions.Count(d => d.Approved)} of {gate.MinApprovals} from {string.Join(", ", gate.Approvers)}, until {Instant(gate.ExpiresAt)} — {gate.Message}");
            foreach (var decision in approval.Decisions)
            {
                output.WriteLine($"            {(decision.Approved ? "approved" : "rejected")} by {decision.By} at {Instant(decision.At)}: {decision.Comment}");
            }
        }
        foreach (var state in document.Locks)
        {
            var holder = state.Holder is null ? "free" : state.Holder.RunId == run.RunId ? $"held by this run since {Instant(state.Holder.Since)}"
                : $"held by run {state.Holder.RunId} ({state.Holder.Runbook}, {state.Holder.Worker}) since {Instant(state.Holder.Since)}";
            var waiting = state.Waiters.Select((w, i) => (w, i)).FirstOrDefault(x => x.w.RunId == run.RunId);
            output.WriteLine($"  lock      {state.Target}: {holder}" +
                (waiting.w is not null ? $"; this run waits, {waiting.i + 1} of {state.Waiters.Count} in the queue" : state.Waiters.Count > 0 ? $"; {state.Waiters.Count} waiting" : ""));
        }
        if (run.Error is not null)
        {
            output.WriteLine($"  error     {run.Error}");
        }
        if (run.Outputs.Count > 0)
        {
            output.WriteLine($"  outputs   {Json.Compact(run.Outputs)}");
        }
        if (document.ChildRunIds.Count > 0)
        {
            output.WriteLine($"  sub-runs  {string.Join(", ", document.ChildRunIds)}");
        }
        output.WriteLine();
        var rows = document.Attempts
            .Select(a => (a.StartedAt, Row: new[] { a.Target, a.StepPath, a.Action, a.Attempt.ToString(CultureInfo.InvariantCulture), a.Status, Duration(a.StartedAt, a.EndedAt), a.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "", a.Changed ? "yes" : "", OneLine(a.Error) }))
            .Concat(document.Skips.Select(s => (StartedAt: s.At, Row: new[] { s.Target, s.StepPath, "", "", "skipped", "", "", "", OneLine(s.Reason) })))
            .OrderBy(r => r.StartedAt)
            .Select(r => r.Row);
        Table(output, ["TARGET", "STEP", "ACTION", "TRY", "STATUS", "DURATION", "EXIT", "CHANGED", "ERROR / REASON"], rows);
    }

    public static void PrintLogs(RunDocument document, string? step, string? target, TextWriter output)
    {
        foreach (var attempt in document.Attempts.Where(a =>
            (step is null || a.StepPath == step) && (target is null || a.Target == target)))
        {
            output.WriteLine($"== {attempt.Target} {attempt.StepPath} (attempt {attempt.Attempt}, {attempt.Status}{(attempt.ExitCode is { } code ? $", exit {code}" : "")})");
            if (!string.IsNullOrEmpty(attempt.Stdout))
            {
                output.Write(attempt.Stdout.EndsWith('\n') ? attempt.Stdout : attempt.Stdout + "\n");
            }
            if (!string.IsNullOrEmpty(attempt.Stderr))
            {
                output.WriteLine("-- stderr");
                output.Write(attempt.Stderr.EndsWith('\n') ? attempt.Stderr : attempt.Stderr + "\n");
            }
        }
    }

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    private static string Duration(DateTimeOffset start, DateTimeOffset? end) =>
        end is { } e ? (e - start).TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + "s" : "…";

    private static string Targets(IReadOnlyList<string> targets) =>
        targets.Count <= 3 ? string.Join(",", targets) : $"{string.Join(",", targets.Take(3))} +{targets.Count - 3}";

    private static string OneLine(string? text) => text is null ? "" : text.Split('\n')[0];

    internal static void Table(TextWriter output, string[] header, IEnumerable<string[]> rows)
    {
        var all = rows.Prepend(header).ToList();
        var widths = header.Select((_, i) => all.Max(r => r[i].Length)).ToArray();
        foreach (var row in all)
        {
            output.WriteLine(("  " + string.Join("  ", row.Select((cell, i) => i == row.Length - 1 ? cell : cell.PadRight(widths[i])))).TrimEnd());
        }
    }
}
