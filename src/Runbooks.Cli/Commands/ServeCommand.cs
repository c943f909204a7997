using System.CommandLine;
using Runbooks.Cli.Hosting;
using Runbooks.Cli.Output;
using Runbooks.Core;
using Runbooks.Server;
using ServerOptions = Runbooks.Server.Http.ServerOptions;
using ServerSetup = Runbooks.Server.Http.ServerSetup;
using ApiServer = Runbooks.Server.Http.ApiServer;
using Runbooks.Storage;

namespace Runbooks.Cli.Commands;

/// <summary>
/// <c>runbooks serve</c>: a worker and scheduler. On the embedded default (SQLite) it is the one process that runs
/// queued, scheduled and resumed runs; on PostgreSQL any number of them share the work. SIGTERM (or Ctrl+C) drains.
/// </summary>
internal static class ServeCommand
{
    public static Command Create(CancellationToken stop)
    {
        var workflows = new Option<string>("--workflows", "-w") { Description = "The runbooks folder whose schedules are registered", DefaultValueFactory = _ => "workflows" };
        var workers = new Option<int?>("--workers") { Description = "Runs executed at once by this process (default Runbooks:Workers:WorkerCount)" };
        var queues = new Option<string[]>("--queue", "-q") { Description = "Serve only these queues (remediation, default, maintenance); repeat for more", Arity = ArgumentArity.ZeroOrMore };
        var urls = new Option<string?>("--urls") { Description = "Where the HTTP API listens (default Runbooks:Server:Urls, else http://127.0.0.1:5080); port 0 picks a free one" };
        var noHttp = new Option<bool>("--no-http") { Description = "Only the worker and scheduler: no HTTP API" };
        var config = CommonOptions.Config();
        var command = new Command("serve", "Run the server: the HTTP API, a worker and the scheduler; several on one PostgreSQL share the work")
        {
            workflows, workers, queues, urls, noHttp, config,
        };
        command.SetAction((parse, _) => ExecuteAsync(parse.GetValue(workflows)!, parse.GetValue(workers), parse.GetValue(queues) ?? [], parse.GetValue(urls),
            parse.GetValue(noHttp), parse.GetValue(config), stop));
        return command;
    }

    private static async Task<int> ExecuteAsync(string workflows, int? workerCount, string[] queues, string? urls, bool noHttp, string? config, CancellationToken stop)
    {
        using var host = new CliHost(config);
        using var log = (Serilog.Core.Logger)host.CreateLogger(verbose: false);
        try
        {
            var options = WorkerOptions.From(host.Configuration.GetSection("Runbooks:Workers"));
            foreach (var queue in queues)
            {
                if (RunQueues.Check(queue) is { } problem)
                {
                    Console.Error.WriteLine($"error: --queue: {problem}");
                    return ExitCodes.Usage;
                }
            }
            options = options with
            {
                WorkerCount = workerCount ?? options.WorkerCount,
                Queues = queues.Length > 0 ? RunQueues.All.Where(queues.Contains).ToList() : options.Queues,
            };
            if (host.Maintenance.Problems.Count > 0)
            {
                return Problems.Print("the maintenance settings are invalid; the worker did not start", host.Maintenance.Problems);
            }
            var (serverOptions, serverProblems) = ServerOptions.From(host.Configuration.GetSection("Runbooks:Server"), urls);
            if (serverProblems.Count > 0 && !noHttp)
            {
                foreach (var problem in serverProblems)
                {
                    Console.Error.WriteLine($"error: {problem}");
                }
                Console.Error.WriteLine("error: the server settings are invalid; the server did not start");
                return ExitCodes.Usage;
            }
            var (inventory, inventoryProblems, inventoryPath) = host.LoadInventory();
            if (inventoryProblems.Count > 0)
            {
                return Problems.Print($"the inventory {inventoryPath} is invalid; the worker did not start", inventoryProblems);
            }
            // Hangfire runs each job on a worker thread that waits for it; the job's awaits continue on the thread pool.
            // With the pool's default minimum (one thread per core) a burst of runs waits for the pool to grow, half a
            // second per thread: start with enough threads for every worker.
            ThreadPool.GetMinThreads(out var minWorkers, out var minIo);
            ThreadPool.SetMinThreads(Math.Max(minWorkers, options.WorkerCount * 2), minIo);
            await using var store = await host.OpenStoreAsync(CancellationToken.None, role: "worker");
            await using var locks = host.CreateLocks(store);
            var name = store.Journal.Owner;
            var engine = host.CreateEngine(log, store.Journal, inventory, locks, name, options.SuspendWaitsLongerThan);
            var storage = HangfireStorageFactory.Create(host.Settings.Storage.Provider,
                host.Settings.Storage.Provider == "postgresql" ? host.Settings.Storage.PostgreSqlConnectionString() : null, options);
            await using var alerts = Runbooks.Server.Alerts.AlertServices.Start(store, engine, host.Templates, host.Maintenance.Calendar, host.Loader, workflows,
                host.Configuration, log);
            await using var worker = RunWorker.Start(new WorkerSetup
            {
                Store = store, Loader = host.Loader, Engine = engine, HangfireStorage = storage, Workflows = workflows,
                Calendar = host.Maintenance.Calendar, Options = options, WorkerName = name, Log = log, RunEnded = alerts.RunEndedAsync,
            });
            ApiServer? api = null;
            if (!noHttp)
            {
                try
                {
                    api = await ApiServer.StartAsync(new ServerSetup
                    {
                        Store = store, Loader = host.Loader, Engine = engine, Worker = worker, HangfireStorage = storage, Actions = host.Actions, Inventory = inventory, Alerts = alerts,
                        Calendar = host.Maintenance.Calendar, Workflows = workflows, IsApprover = ApproverRoles.From(host.Configuration).IsApprover,
                        Options = serverOptions, Log = log,
                    }, CancellationToken.None);
                }
                catch (RunbooksException)
                {
                    await worker.StopAsync();
                    throw;
                }
            }
            Console.Error.WriteLine($"runbooks serve: worker {name} on the {store.Database.Provider} journal at {store.Database.Location}" +
                (api is null ? "" : $"; API on {string.Join(", ", api.Addresses)}") + "; Ctrl+C or SIGTERM drains and stops");
            try
            {
                await Task.Delay(Timeout.Infinite, stop);
            }
            catch (OperationCanceledException)
            {
            }
            if (api is not null)
            {
                await api.DisposeAsync();
            }
            await worker.StopAsync();
            return ExitCodes.Ok;
        }
        catch (RunbooksException ex)
        {
            Console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Failed;
        }
    }
}
