using System.CommandLine;
using Runbooks.Cli.Hosting;
using Runbooks.Cli.Output;
using Runbooks.Core;
using Runbooks.Storage;

namespace Runbooks.Cli.Commands;

/// <summary>
/// <c>runbooks runs list|show|logs</c>: reads the run journal (Runbooks:Storage) — every run, what started it, where it
/// ran, every step attempt per host with its output; and (<see cref="RunControlCommands"/>) resume, approve, reject.
/// </summary>
internal static class RunsCommand
{
    public static Command Create(CancellationToken cancellation)
    {
        var command = new Command("runs", "The run journal: list, show and export runs and their output; resume, approve or reject a stopped run");
        command.Subcommands.Add(CreateList());
        command.Subcommands.Add(CreateShow());
        command.Subcommands.Add(CreateLogs());
        command.Subcommands.Add(RunControlCommands.CreateResume(cancellation));
        command.Subcommands.Add(RunControlCommands.CreateDecision(approve: true));
        command.Subcommands.Add(RunControlCommands.CreateDecision(approve: false));
        command.Subcommands.Add(CreateCancel());
        return command;
    }

    private static Command CreateList()
    {
        var limit = new Option<int>("--limit", "-n") { Description = "At most this many runs (1–1000)", DefaultValueFactory = _ => 20 };
        var runbook = new Option<string?>("--runbook") { Description = "Only runs of this runbook (its name)" };
        var status = new Option<string?>("--status") { Description = "Only runs in this status: queued, running, suspended, inDoubt, succeeded, failed, cancelled" };
        var all = new Option<bool>("--all") { Description = "Include sub-runbook runs" };
        var output = CommonOptions.Output();
        var config = CommonOptions.Config();
        var command = new Command("list", "List runs, newest first") { limit, runbook, status, all, output, config };
        command.SetAction((parse, token) => WithStoreAsync(parse.GetValue(config), async store =>
        {
            var runs = await store.ListRunsAsync(new RunQuery
            {
                Limit = parse.GetValue(limit), Runbook = parse.GetValue(runbook), Status = parse.GetValue(status), IncludeChildren = parse.GetValue(all),
            }, token);
            if (parse.GetValue(output) == "json")
            {
                Console.Out.WriteLine(Json.Write(runs));
            }
            else
            {
                RunsPrinter.PrintList(runs, Console.Out);
            }
            return ExitCodes.Ok;
        }));
        return command;
    }

    private static Command CreateShow()
    {
        var id = new Argument<string>("run-id") { Description = "The run's id (as runbooks run and runs list print it)" };
        var output = CommonOptions.Output();
        var config = CommonOptions.Config();
        var command = new Command("show", "Show one run: trigger, parameters, targets, every step attempt per host; --output json exports the full record")
        {
            id, output, config,
        };
        command.SetAction((parse, token) => WithRunAsync(parse.GetValue(config), parse.GetValue(id)!, document =>
        {
            if (parse.GetValue(output) == "json")
            {
                Console.Out.WriteLine(Json.Write(document));
            }
            else
            {
                RunsPrinter.PrintRun(document, Console.Out);
            }
        }, token));
        return command;
    }

    private static Command CreateLogs()
    {
        var id = new Argument<string>("run-id") { Description = "The run's id" };
        var step = new Option<string?>("--step") { Description = "Only this step (its path, e.g. restart or each[2]/verify)" };
        var target = new Option<string?>("--target") { Description = "Only this target (host name, or local)" };
        var config = CommonOptions.Config();
        var command = new Command("logs", "Print the recorded stdout and stderr of a run's step attempts, in the order they started")
        {
            id, step, target, config,
        };
        command.SetAction((parse, token) => WithRunAsync(parse.GetValue(config), parse.GetValue(id)!,
            document => RunsPrinter.PrintLogs(document, parse.GetValue(step), parse.GetValue(target), Console.Out), token));
        return command;
    }

    private static Task<int> WithRunAsync(string? config, string runId, Action<RunDocument> print, CancellationToken token) =>
        WithStoreAsync(config, async store =>
        {
            var document = await store.GetRunAsync(runId, token);
            if (document is null)
            {
                Console.Error.WriteLine($"error: there is no run {runId} in the journal at {store.Database.Location}; runbooks runs list shows the runs there");
                return ExitCodes.Failed;
            }
            if (document.Run.EndedAt is null && document.Run.Targets.Count > 0)
            {
                // Who holds each of its hosts, and where it stands in their queues.
                await using var locks = new Runbooks.Storage.Locks.SqlTargetLocks(store.Database);
                document = document with { Locks = await locks.DescribeAsync([.. document.Run.Targets], token) };
            }
            print(document);
            return ExitCodes.Ok;
        });

    private static Command CreateCancel()
    {
        var id = new Argument<string>("run-id") { Description = "The run's id" };
        var comment = new Option<string>("--comment") { Description = "Why (recorded with who cancelled)", DefaultValueFactory = _ => "cancelled from the command line" };
        var config = CommonOptions.Config();
        var command = new Command("cancel", "Cancel a run: at once when nobody runs it (queued, suspended, in doubt); a worker running it stops it within a second")
        {
            id, comment, config,
        };
        command.SetAction((parse, token) => WithStoreAsync(parse.GetValue(config), async store =>
        {
            var outcome = await store.Cancellation.CancelAsync(parse.GetValue(id)!, "cli:" + Environment.UserName, parse.GetValue(comment)!, DateTimeOffset.UtcNow, token);
            (outcome.Result is CancelResult.Cancelled or CancelResult.Requested ? Console.Out : Console.Error).WriteLine(
                outcome.Result is CancelResult.Cancelled or CancelResult.Requested ? outcome.Message : "error: " + outcome.Message);
            return outcome.Result is CancelResult.Cancelled or CancelResult.Requested ? ExitCodes.Ok : ExitCodes.Failed;
        }));
        return command;
    }

    /// <summary>Opens the configured journal, runs <paramref name="work"/>, and turns a journal error into a message and exit code 1.</summary>
    internal static async Task<int> WithStoreAsync(string? config, Func<JournalStore, Task<int>> work)
    {
        using var host = new CliHost(config);
        try
        {
            await using var store = await host.OpenStoreAsync(CancellationToken.None);
            return await work(store);
        }
        catch (RunbooksException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Failed;
        }
    }
}
