using Hangfire;
using Runbooks.Actions;
using Runbooks.Core.Actions;
using Runbooks.Core.Engine;
using Runbooks.Core.Inventory;
using Runbooks.Core.Model;
using Runbooks.Core.Templates;
using Runbooks.Core.Validation;
using Runbooks.DurableBench.Harness;
using Runbooks.Server;
using Runbooks.Storage;
using Runbooks.Storage.PostgreSql;

namespace Runbooks.DurableBench.Roles;

/// <summary>
/// Helper process: queues runs for the <c>runbooks serve</c> workers exactly as <c>runbooks enqueue</c> does (the run
/// recorded as queued in the PostgreSQL journal, then its Hangfire job), but many in one process, paced or in a burst.
/// Run i uses the i-th runbook file of <c>--runbooks</c> (cycling), so SSH runs can each name their own host.
/// </summary>
internal static class RunEnqueuer
{
    public const string Role = "run-enqueue";

    public static async Task<int> MainAsync(RoleArguments args)
    {
        using var http = new HttpClient();
        var templates = new ScribanTemplateEngine();
        var actions = new ActionRegistry(BuiltInActions.Create(http));
        var loader = new RunbookLoader(actions, templates);
        InventoryDefinition? inventory = null;
        if (args.Optional("inventory") is { } inventoryFile)
        {
            var (loaded, problems) = InventoryLoader.LoadFile(inventoryFile);
            inventory = problems.Count == 0 ? loaded : throw new InvalidOperationException($"{inventoryFile}: {string.Join("; ", problems)}");
        }
        RunbookDefinition[] runbooks = [.. Directory.GetFiles(args["runbooks"], "*.yaml").Order(StringComparer.Ordinal).Select(f => loader.LoadFile(f).EnsureValid())];
        await using var store = await JournalStore.OpenAsync(new PostgreSqlJournalDatabase(args["conn"], args["schema"]),
            JournalOwner.ForThisProcess("bench-enqueue"), CancellationToken.None);
        var engine = new RunEngine(new EngineServices
        {
            Actions = actions, Templates = templates, Journal = store.Journal, Executors = new NoExecutors(), Loader = loader, Inventory = inventory,
            Log = Serilog.Core.Logger.None,
        });
        using var submitter = new RunSubmitter(store, engine, new BackgroundJobClient(BenchStorage.Product(args["conn"], args["hangfire-schema"])), new WorkerOptions().QueueGrace,
            Serilog.Core.Logger.None);
        var count = args.Int("count");
        var pacer = new Pacer(args.Double("rate"));
        for (var i = 0; i < count; i++)
        {
            await pacer.WaitForTurnAsync(i);
            await submitter.SubmitAsync(new RunRequest { Runbook = runbooks[i % runbooks.Length], Trigger = "bench" }, RunQueues.Default, CancellationToken.None);
        }
        Console.WriteLine($"enqueued {count}");
        return 0;
    }
}
