using System.Globalization;
using Runbooks.Core.Engine;
using Runbooks.Core.Journal;
using Runbooks.Core.Shapes;

namespace Runbooks.Cli.Output;

/// <summary>Prints a run's step timeline as a table a person reads at 3 a.m.: what ran, how it ended, how long, why.</summary>
internal static class RunSummaryPrinter
{
    public static void Print(RunResult result, TextWriter output)
    {
        var title = result.DryRun ? "Plan for" : "Run";
        output.WriteLine();
        output.WriteLine(result.DryRun
            ? $"{title} {result.Runbook} (dry-run {result.RunId}): nothing was changed"
            : $"{title} {result.RunId} of {result.Runbook}: {Status(result.Status)} in {Duration(result.EndedAt - result.StartedAt)}");
        var manyTargets = result.Rollout is not null || result.Steps.Select(s => s.Target).Distinct(StringComparer.Ordinal).Count() > 1;
        if (result.Rollout is { } rollout)
        {
            output.WriteLine($"Rollout: {rollout}");
        }
        if (result.Rollout is not null && !result.DryRun)
        {
            // One line per host first: at 3 a.m. the question is which hosts are fixed.
            WriteTable(output, ["HOST", "BATCH", "STATUS", "DURATION", "DETAIL"], [.. result.Targets.Select(target => new[]
            {
                target.Target, target.Batch.ToString(CultureInfo.InvariantCulture), Status(target.Status), Duration(target.Duration), OneLine(target.Error ?? ""),
            })]);
            output.WriteLine();
        }
        var rows = result.Steps.Select(step => result.DryRun
            ? new[] { step.Target, step.Path, step.Action, Status(step.Status), Detail(step, dryRun: true) }
            : new[]
            {
                step.Target, step.Path, step.Action, Status(step.Status), step.Attempts.ToString(CultureInfo.InvariantCulture),
                Duration(step.Duration), Detail(step, dryRun: false),
            }).Select(row => manyTargets ? row : row[1..]).ToList();
        var header = result.DryRun
            ? new[] { "TARGET", "STEP", "ACTION", "STATUS", "WOULD RUN" }
            : new[] { "TARGET", "STEP", "ACTION", "STATUS", "TRIES", "DURATION", "DETAIL" };
        WriteTable(output, manyTargets ? header : header[1..], rows);
        if (result.Halted is { } halted)
        {
            output.WriteLine($"Halted: {halted}");
        }
        if (result.Error is { } error)
        {
            output.WriteLine($"Error: {error}");
        }
        var next = result.Status switch
        {
            RunStatus.InDoubt => $"Next: check the host, then runbooks runs resume {result.RunId} --skip <step> (it did its work) or --from <step> (run it again); docs/guarantees.md",
            RunStatus.Suspended => $"Next: runbooks runs approve {result.RunId} --comment \"…\" (or reject); a runbooks serve worker resumes it, or runbooks runs resume {result.RunId}",
            RunStatus.Queued => $"Next: a runbooks serve worker continues it, or runbooks runs resume {result.RunId}",
            _ => null,
        };
        if (next is not null)
        {
            output.WriteLine(next);
        }
        if (result.Outputs.Count > 0)
        {
            output.WriteLine("Outputs:");
            foreach (var (name, value) in result.Outputs)
            {
                output.WriteLine($"  {name}: {Value(value)}");
            }
        }
    }

    private static void WriteTable(TextWriter output, string[] header, List<string[]> rows)
    {
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => i == header.Length - 1 ? 0 : r[i].Length))).ToArray();
        void Line(string[] cells) =>
            output.WriteLine("  " + string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(widths[i]))).TrimEnd());
        Line(header);
        rows.ForEach(Line);
    }

    private static string Detail(StepResult step, bool dryRun)
    {
        if (dryRun)
        {
            return OneLine(step.Plan ?? step.Error ?? "");
        }
        var parts = new List<string>();
        if (step.ExitCode is { } code)
        {
            parts.Add($"exit {code}");
        }
        if (step.Error is { } error)
        {
            parts.Add(OneLine(error));
        }
        return string.Join("; ", parts);
    }

    private static string OneLine(string text)
    {
        var line = text.ReplaceLineEndings(" ⏎ ");
        return line.Length > 160 ? line[..157] + "…" : line;
    }

    private static string Status(StepStatus status) => status switch
    {
        StepStatus.TimedOut => "timed out",
        StepStatus.InDoubt => "in doubt",
        _ => status.ToString().ToLowerInvariant(),
    };

    private static string Status(RunStatus status) => status switch
    {
        RunStatus.InDoubt => "in doubt",
        _ => status.ToString().ToLowerInvariant(),
    };

    private static string Duration(TimeSpan duration) =>
        duration.TotalMilliseconds < 1000 ? $"{(long)duration.TotalMilliseconds}ms" : DurationParser.Format(TimeSpan.FromMilliseconds(Math.Round(duration.TotalMilliseconds / 100) * 100));

    private static string Value(object? value) => value switch
    {
        null => "null",
        string s => s,
        _ => Json.Compact(value),
    };
}
