using System.CommandLine;
using Runbooks.Cli.Hosting;
using Runbooks.Cli.Output;
using Runbooks.Core.Diagnostics;
using Runbooks.Core.Scheduling;

namespace Runbooks.Cli.Commands;

/// <summary>
/// <c>runbooks schedules [--workflows dir] [--count N] [--from instant] [--json]</c>: every schedule of the runbooks
/// in a folder, with its next fire times (in its zone and UTC) and what the gate would do at each (run, wait for the
/// window, skip, frozen). Invalid runbooks and settings are reported on stderr; they make the exit code 1.
/// </summary>
internal static class SchedulesCommand
{
    public static Command Create()
    {
        var workflows = new Option<string>("--workflows", "-w")
        {
            Description = "The folder of runbooks (searched for *.yaml and *.yml, subfolders included)",
            DefaultValueFactory = _ => "workflows",
        };
        var count = ScheduleOptions.Count("fire times");
        var from = ScheduleOptions.From();
        var json = ScheduleOptions.Json();
        var output = CommonOptions.Output();
        var config = CommonOptions.Config();
        var command = new Command("schedules", "List every schedule (triggers: - schedule:) with its next fire times, window and policies")
        {
            workflows, count, from, json, output, config,
        };
        command.SetAction(parse => Execute(parse.GetValue(workflows)!, parse.GetValue(count), parse.GetValue(from),
            parse.GetValue(json) || parse.GetValue(output) == "json", parse.GetValue(config)));
        return command;
    }

    private static int Execute(string workflows, int count, string? fromText, bool json, string? config)
    {
        if (ScheduleOptions.Instant(fromText, out var usage) is not { } from)
        {
            Console.Error.WriteLine($"error: {usage}");
            return ExitCodes.Usage;
        }
        if (!Directory.Exists(workflows))
        {
            Console.Error.WriteLine($"error: no such folder: {workflows} (give the runbooks' folder with --workflows)");
            return ExitCodes.Usage;
        }
        using var host = new CliHost(config);
        var catalog = ScheduleCatalog.LoadDirectory(host.Loader, workflows, host.Maintenance.Calendar);
        var gate = new ScheduleGate(host.Maintenance.Calendar);
        var calendar = host.Maintenance.Calendar;
        var listed = catalog.Entries.Select(entry => new ListedSchedule(entry,
        [
            .. entry.NextOccurrences(from, count).Select(at =>
                new ListedFire(at, gate.Decide(entry, at), entry.Window is { } name ? calendar.Window(name)?.IsOpen(at) : null)),
        ])).ToList();
        IReadOnlyList<Diagnostic> problems = [.. host.Maintenance.Problems, .. catalog.Problems];
        if (json)
        {
            Console.Out.WriteLine(Json.Write(new
            {
                from = ScheduleTimes.IsoUtc(from),
                schedules = listed.Select(SchedulesPrinter.ToJson),
                problems = problems.Select(ValidateCommand.Problem),
            }));
        }
        else
        {
            SchedulesPrinter.Print(listed, workflows, Console.Out);
        }
        foreach (var problem in problems)
        {
            Console.Error.WriteLine($"error: {problem}");
        }
        if (problems.Count > 0)
        {
            Console.Error.WriteLine($"error: {problems.Count} problem(s); schedules of invalid runbooks are not listed");
        }
        return problems.Count == 0 ? ExitCodes.Ok : ExitCodes.Failed;
    }
}

/// <summary>A schedule and its next fire times.</summary>
internal sealed record ListedSchedule(ScheduleEntry Entry, IReadOnlyList<ListedFire> Next);

/// <summary>A fire time, the gate's decision for it, and whether it falls inside the schedule's window (null: no window).</summary>
internal sealed record ListedFire(DateTimeOffset At, GateDecision Decision, bool? InWindow);
