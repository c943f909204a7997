using System.CommandLine;
using Runbooks.Cli.Hosting;
using Runbooks.Cli.Output;
using Runbooks.Core;
using Runbooks.Core.Engine;
using Runbooks.Server;
using Runbooks.Core.Diagnostics;

namespace Runbooks.Cli.Commands;

/// <summary>
/// <c>runbooks enqueue &lt;file&gt; [-p …] [--queue q]</c>: checks the parameters and targets, records the run as
/// queued and hands it to the workers (<c>runbooks serve</c>); prints the run id and returns at once.
/// </summary>
internal static class EnqueueCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("file") { Description = "The runbook file" };
        var parameters = new Option<string[]>("--param", "-p") { Description = "A parameter value as key=value (repeat for more)", Arity = ArgumentArity.ZeroOrMore };
        var queue = new Option<string>("--queue", "-q") { Description = "remediation, default or maintenance", DefaultValueFactory = _ => RunQueues.Default };
        var config = CommonOptions.Config();
        var command = new Command("enqueue", "Queue a run for the workers (runbooks serve) and print its id; it does not wait")
        {
            file, parameters, queue, config,
        };
        command.SetAction((parse, token) => ExecuteAsync(parse.GetValue(file)!, parse.GetValue(parameters) ?? [], parse.GetValue(queue)!, parse.GetValue(config), token));
        return command;
    }

    private static async Task<int> ExecuteAsync(string file, string[] pairs, string queue, string? config, CancellationToken token)
    {
        var given = ParameterArguments.Parse(pairs, out var usage);
        if (usage is not null || RunQueues.Check(queue) is { } badQueue && (usage = badQueue) is not null)
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
            return Problems.Print($"{file} is invalid; nothing was queued", loaded.Diagnostics);
        }
        var (inventory, _, _) = host.LoadInventory();
        using var log = (Serilog.Core.Logger)host.CreateLogger(verbose: false);
        try
        {
            await using var store = await host.OpenStoreAsync(token);
            var engine = host.CreateEngine(log, store.Journal, inventory);
            // On PostgreSQL the job goes straight to the workers' queue; on the embedded default the serve process's
            // sweep picks the queued run up within a sweep interval.
            var options = WorkerOptions.From(host.Configuration.GetSection("Runbooks:Workers"));
            var jobs = host.Settings.Storage.Provider == "postgresql"
                ? new Hangfire.BackgroundJobClient(HangfireStorageFactory.Create("postgresql", host.Settings.Storage.PostgreSqlConnectionString(), options))
                : null;
            using var submitter = new RunSubmitter(store, engine, jobs, options.QueueGrace, log);
            var runId = await submitter.SubmitAsync(new RunRequest
            {
                Runbook = loaded.Runbook!, Parameters = given, Trigger = $"cli:{Environment.UserName}",
            }, queue, token);
            Console.Out.WriteLine(runId);
            return ExitCodes.Ok;
        }
        catch (RunbookValidationException ex)
        {
            return Problems.Print("the run does not fit; nothing was queued", ex.Diagnostics);
        }
        catch (RunbooksException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Failed;
        }
    }
}
