using System.Diagnostics;
using Runbooks.Actions;
using Runbooks.Core.Actions;
using Runbooks.Core.Engine;
using Runbooks.Core.Journal;
using Runbooks.Core.Model;
using Runbooks.Core.Templates;
using Runbooks.Core.Validation;
using Runbooks.DurableBench.Harness;
using Runbooks.Storage;
using Runbooks.Storage.PostgreSql;
using Runbooks.Storage.Sqlite;

namespace Runbooks.DurableBench.Scenarios;

/// <summary>
/// Journal cost per step: the same 50-step local runbook (<c>set</c> steps) run on the engine in this process, one run
/// after another, over the in-memory journal ("none"), the SQLite journal (a file, the product's settings) and the
/// PostgreSQL journal. Journals take turns inside each round; the table shows medians of the rounds.
/// </summary>
internal static class JournalCostScenario
{
    private const int Steps = 50;

    public static async Task RunAsync(string? postgreSql, string workDirectory, BenchSizes sizes, Report report)
    {
        using var http = new HttpClient();
        var templates = new ScribanTemplateEngine();
        var actions = new ActionRegistry(BuiltInActions.Create(http));
        var loader = new RunbookLoader(actions, templates);
        var runbook = loader.LoadText(LocalRunbooks.SetChain(Steps), "chain.yaml").EnsureValid();
        var stores = new List<JournalStore>();
        try
        {
            var journals = new List<(string Name, IRunJournal Journal)> { ("none (in memory)", new InMemoryRunJournal()) };
            stores.Add(await JournalStore.OpenAsync(new SqliteJournalDatabase(Path.Combine(workDirectory, "journal-cost.db")), CancellationToken.None));
            journals.Add(("SQLite", stores[^1].Journal));
            if (postgreSql is not null)
            {
                stores.Add(await JournalStore.OpenAsync(new PostgreSqlJournalDatabase(postgreSql, "journal_cost"), CancellationToken.None));
                journals.Add(("PostgreSQL", stores[^1].Journal));
            }
            var engines = journals.Select(j => (j.Name, Engine: new RunEngine(new EngineServices
            {
                Actions = actions, Templates = templates, Journal = j.Journal, Executors = new NoExecutors(), Loader = loader, Log = Serilog.Core.Logger.None,
            }))).ToList();
            var request = new RunRequest { Runbook = runbook, Trigger = "bench" };
            foreach (var (_, engine) in engines)
            {
                await RunAsync(engine, request, 2);
            }
            var samples = engines.ToDictionary(e => e.Name, _ => new List<double>());
            for (var round = 1; round <= sizes.JournalRounds; round++)
            {
                foreach (var (name, engine) in engines)
                {
                    var clock = Stopwatch.StartNew();
                    await RunAsync(engine, request, sizes.JournalRunsPerRound);
                    var perStep = clock.Elapsed.TotalMicroseconds / (sizes.JournalRunsPerRound * Steps);
                    samples[name].Add(perStep);
                    Console.WriteLine($"  journal round {round}  {name,-17} {perStep,8:0.0} us/step");
                }
            }
            var none = Stats.Median(samples[engines[0].Name]);
            report.Section("Journal cost per step",
                $"{sizes.JournalRounds} round(s) of {sizes.JournalRunsPerRound} runs × {Steps} `set` steps, one run after another, on the engine in one process " +
                "(log events discarded); wall time per step, median of the rounds.",
                ["journal", "µs/step (median)", "µs/step (min–max)", "added by the journal (µs/step)"],
                engines.Select(e => new[]
                {
                    e.Name, Report.F(Stats.Median(samples[e.Name])), $"{Report.F(samples[e.Name].Min())}–{Report.F(samples[e.Name].Max())}",
                    e.Name == engines[0].Name ? "" : Report.F(Stats.Median(samples[e.Name]) - none),
                }));
        }
        finally
        {
            foreach (var store in stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    private static async Task RunAsync(RunEngine engine, RunRequest request, int runs)
    {
        for (var i = 0; i < runs; i++)
        {
            var result = await engine.RunAsync(request, CancellationToken.None);
            if (result.Status != RunStatus.Succeeded)
            {
                throw new InvalidOperationException($"run {result.RunId} ended {result.Status}: {result.Error}");
            }
        }
    }
}
