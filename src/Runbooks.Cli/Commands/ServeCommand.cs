using System.CommandLine;
using Runbooks.Cli.Hosting;
using Runbooks.Cli.Output;
using Runbooks.Core;
using Runbooks.Server;
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
        var config = CommonOptions.Config();
        var command = new Command("serve", "Run a worker and scheduler: queued, scheduled and resumed runs execute here; several on one PostgreSQL share the work")
        {
            workflows, workers, queues, config,
        };
        command.SetAction((parse, _) => ExecuteAsync(parse.GetValue(workflows)!, parse.GetValue(workers), parse.GetValue(queues) ?? [], parse.GetValue(config), stop));
        return command;
    }

    private static async Task<int> ExecuteAsync(string workflows, int? workerCount, string[] queues, string? config, CancellationToken stop)
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
            await using var worker = RunWorker.Start(new WorkerSetup
            {
                Store = store, Loader = host.Loader, Engine = engine, HangfireStorage = storage, Workflows = workflows,
                Calendar = host.Maintenance.Calendar, Options = options, WorkerName = name, Log = log,
            });
            Console.Error.WriteLine($"runbooks serve: worker {name} on the {store.Database.Provider} journal at {store.Database.Location}; Ctrl+C or SIGTERM drains and stops");
            try
            {
                await Task.Delay(Timeout.Infinite, stop);
            }
            catch (OperationCanceledException)
            {
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
