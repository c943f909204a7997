using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Runbooks.Cli.Hosting;
using Runbooks.Cli.Output;
using Runbooks.Server;
using Runbooks.Core;
using Runbooks.Core.Diagnostics;
using Runbooks.Storage;

namespace Runbooks.Cli.Commands;

/// <summary>
/// <c>runbooks runs resume|approve|reject</c>: the commands that move a run on — continue one that stopped (in doubt,
/// suspended, handed back, its worker dead) and decide an approval gate. Every one is recorded in the journal with who.
/// </summary>
internal static class RunControlCommands
{
    public static Command CreateResume(CancellationToken cancellation)
    {
        var id = new Argument<string>("run-id") { Description = "The run to continue" };
        var from = new Option<string?>("--from") { Description = "Run this step (id or path) and every later step again, whatever the journal says" };
        var skip = new Option<string[]>("--skip") { Description = "This step (id or path) did its work: record it as skipped by you and go on (repeat for more)", Arity = ArgumentArity.ZeroOrMore };
        var comment = new Option<string?>("--comment") { Description = "Why (recorded with the resume)" };
        var parameters = new Option<string[]>("--param", "-p") { Description = "Give a secret parameter again (secrets are never stored): key=value", Arity = ArgumentArity.ZeroOrMore };
        var output = CommonOptions.Output();
        var config = CommonOptions.Config();
        var command = new Command("resume", "Continue a stopped run here and now: steps that ended are not repeated; an in-doubt step needs --skip or --from")
        {
            id, from, skip, comment, parameters, output, config,
        };
        command.SetAction((parse, _) => ResumeAsync(parse.GetValue(id)!, parse.GetValue(from), parse.GetValue(skip) ?? [], parse.GetValue(comment),
            parse.GetValue(parameters) ?? [], parse.GetValue(output)!, parse.GetValue(config), cancellation));
        return command;
    }

    public static Command CreateDecision(bool approve)
    {
        var id = new Argument<string>("run-id") { Description = "The suspended run" };
        var comment = new Option<string>("--comment", "-m") { Description = "Why (required: it is the audit trail)", Required = true };
        var step = new Option<string?>("--step") { Description = "The approval step's path, when the run waits at more than one gate" };
        var by = new Option<string?>("--as") { Description = "Who decides (default: your user name); must be one of the gate's approvers" };
        var config = CommonOptions.Config();
        var command = new Command(approve ? "approve" : "reject",
            approve ? "Approve a run waiting at an approval gate; it continues on the next worker sweep (or runbooks runs resume)"
                    : "Reject a run waiting at an approval gate; the gate step fails and the run's failure handling runs when it continues")
        {
            id, comment, step, by, config,
        };
        command.SetAction(async (parse, token) =>
        {
            using var host = new CliHost(parse.GetValue(config));
            var who = parse.GetValue(by) ?? Environment.UserName;
            try
            {
                await using var store = await host.OpenStoreAsync(token);
                var roles = ApproverRoles.From(host.Configuration);
                var gate = await store.Approvals.DecideAsync(parse.GetValue(id)!, parse.GetValue(step), who, approve, parse.GetValue(comment)!,
                    approvers => roles.IsApprover(who, approvers), DateTimeOffset.UtcNow, token);
                Console.Out.WriteLine($"{(approve ? "approved" : "rejected")} gate '{gate.StepPath}' of run {parse.GetValue(id)} as {who}; " +
                    "a runbooks serve worker continues the run within seconds, or run: runbooks runs resume " + parse.GetValue(id));
                return ExitCodes.Ok;
            }
            catch (RunbooksException ex)
            {
                Console.Error.WriteLine($"error: {ex.Message}");
                return ExitCodes.Failed;
            }
        });
        return command;
    }

    private static async Task<int> ResumeAsync(string runId, string? from, string[] skip, string? comment, string[] pairs, string output, string? config, CancellationToken cancellation)
    {
        var given = ParameterArguments.Parse(pairs, out var usage);
        if (usage is not null)
        {
            Console.Error.WriteLine($"error: {usage}");
            return ExitCodes.Usage;
        }
        using var host = new CliHost(config);
        var (inventory, problems, inventoryPath) = host.LoadInventory();
        if (problems.Count > 0)
        {
            return Problems.Print($"the inventory {inventoryPath} is invalid; nothing ran", problems);
        }
        using var log = (Serilog.Core.Logger)host.CreateLogger(verbose: false);
        try
        {
            await using var store = await host.OpenStoreAsync(CancellationToken.None);
            await using var locks = host.CreateLocks(store);
            var engine = host.CreateEngine(log, store.Journal, inventory, locks);
            var who = $"cli:{Environment.UserName}";
            var result = await new RunContinuation(store, host.Loader, engine).ContinueAsync(runId, new ContinueOptions
            {
                By = who, Operator = true, From = from, Skip = skip, Parameters = given,
                Reason = comment ?? (from is not null ? $"resumed from {from}" : skip.Length > 0 ? $"resumed skipping {string.Join(", ", skip)}" : "resumed"),
            }, cancellation);
            if (output == "json")
            {
                Console.Out.WriteLine(Json.Write(result));
            }
            else
            {
                RunSummaryPrinter.Print(result!, Console.Out);
            }
            return ExitCodes.For(result!.Status);
        }
        catch (RunbookValidationException ex)
        {
            return Problems.Print("the run cannot continue; nothing ran", ex.Diagnostics);
        }
        catch (RunbooksException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Failed;
        }
    }
}
