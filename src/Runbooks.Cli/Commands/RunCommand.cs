using System.CommandLine;
using Runbooks.Cli.Hosting;
using Runbooks.Cli.Output;
using Runbooks.Core;
using Runbooks.Core.Diagnostics;
using Runbooks.Core.Engine;
using Runbooks.Core.Journal;

namespace Runbooks.Cli.Commands;

/// <summary>
/// <c>runbooks run &lt;file&gt; [-p key=value …] [--dry-run] [--output json]</c>: validate, then run (or plan) a
/// runbook on this machine. The step timeline streams to stderr as it happens; the summary (or JSON) goes to stdout.
/// </summary>
internal static class RunCommand
{
    /// <summary><c>runbooks plan</c>: the same as <c>run --dry-run</c>, under the name operators look for.</summary>
    public static Command CreatePlan(CancellationToken cancellation) => Create(plan: true, cancellation);

    public static Command Create(CancellationToken cancellation) => Create(plan: false, cancellation);

    private static Command Create(bool plan, CancellationToken cancellation)
    {
        var file = new Argument<string>("file") { Description = "The runbook file" };
        var parameters = new Option<string[]>("--param", "-p") { Description = "A parameter value as key=value (repeat for more); lists as a,b,c or JSON", Arity = ArgumentArity.ZeroOrMore };
        var dryRun = new Option<bool>("--dry-run") { Description = "Render every step and print what would run, without running anything" };
        var output = CommonOptions.Output();
        var config = CommonOptions.Config();
        var verbose = new Option<bool>("--verbose", "-v") { Description = "Log debug events too (e.g. the start of instant steps such as set, log and assert)" };
        var command = plan
            ? new Command("plan", "Resolve targets and print, per host, every step exactly as it would run, with the rollout; nothing runs, nothing connects")
            {
                file, parameters, output, config, verbose,
            }
            : new Command("run", "Validate and run a runbook on this machine, printing its step timeline")
            {
                file, parameters, dryRun, output, config, verbose,
            };
        command.SetAction((parse, _) => ExecuteAsync(parse.GetValue(file)!, parse.GetValue(parameters) ?? [], plan || parse.GetValue(dryRun),
            parse.GetValue(output)!, parse.GetValue(config), parse.GetValue(verbose), cancellation));
        return command;
    }

    private static async Task<int> ExecuteAsync(string file, string[] pairs, bool dryRun, string output, string? config, bool verbose, CancellationToken cancellation)
    {
        var given = ParameterArguments.Parse(pairs, out var usage);
        if (usage is not null)
        {
            Console.Error.WriteLine($"error: {usage}");
            return ExitCodes.Usage;
        }
        if (!File.Exists(file))
        {
            Console.Error.WriteLine($"error: no such runbook file: {file}");
            return ExitCodes.Usage;
        }
        using var host = new CliHost(config);
        var loaded = host.Loader.LoadFile(file);
        if (!loaded.IsValid)
        {
            return Invalid(loaded.Diagnostics, output, $"{file} is invalid; nothing ran");
        }
        var (inventory, inventoryProblems, inventoryPath) = host.LoadInventory();
        if (inventoryProblems.Count > 0)
        {
            return Invalid(inventoryProblems, output, $"the inventory {inventoryPath} is invalid; nothing ran");
        }
        using var log = (Serilog.Core.Logger)host.CreateLogger(verbose);
        Runbooks.Storage.JournalStore store;
        try
        {
            store = await host.OpenStoreAsync(CancellationToken.None);
        }
        catch (RunbooksException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}; nothing ran");
            return ExitCodes.Failed;
        }
        await using var journal = store;
        // Host locks live in the journal's database, so this run and every worker on the same journal take turns per host.
        Runbooks.Storage.Locks.SqlTargetLocks sqlLocks;
        try
        {
            sqlLocks = new Runbooks.Storage.Locks.SqlTargetLocks(store.Database, host.Settings.Locks);
        }
        catch (RunbooksException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}; nothing ran");
            return ExitCodes.Failed;
        }
        await using var locks = sqlLocks;
        var engine = host.CreateEngine(log, store.Journal, inventory, locks);
        RunResult result;
        try
        {
            result = await engine.RunAsync(new RunRequest
            {
                Runbook = loaded.Runbook!,
                Parameters = given,
                DryRun = dryRun,
                Trigger = $"cli:{Environment.UserName}",
            }, cancellation);
        }
        catch (RunbookValidationException ex)
        {
            var headline = ex.Diagnostics.All(d => d.Code is RuleCodes.UnknownTarget or RuleCodes.BadSelector)
                ? "the targets do not resolve against the inventory; nothing ran"
                : "the parameters do not fit the runbook; nothing ran";
            return Invalid(ex.Diagnostics, output, headline);
        }
        catch (RunbooksException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Failed;
        }
        if (output == "json")
        {
            Console.Out.WriteLine(Json.Write(result));
        }
        else
        {
            RunSummaryPrinter.Print(result, Console.Out);
        }
        return ExitCodes.For(result.Status);
    }

    private static int Invalid(IReadOnlyList<Diagnostic> diagnostics, string output, string headline)
    {
        if (output == "json")
        {
            Console.Out.WriteLine(Json.Write(new { valid = false, problems = diagnostics.Select(ValidateCommand.Problem) }));
        }
        else
        {
            Console.Out.WriteLine($"error: {headline}");
            foreach (var diagnostic in diagnostics)
            {
                Console.Out.WriteLine($"  {diagnostic}");
            }
        }
        return ExitCodes.Failed;
    }
}
