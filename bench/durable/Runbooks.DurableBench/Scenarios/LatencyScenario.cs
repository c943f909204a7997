using Runbooks.DurableBench.Harness;

namespace Runbooks.DurableBench.Scenarios;

/// <summary>
/// Enqueue -> start from another process, paced: runs of a one-step local runbook on a <c>runbooks serve</c> worker
/// (latency = first step attempt's start - the run's queued time, both from the journal) beside bare Hangfire no-op
/// jobs on the same PostgreSQL in their own schema (latency = job start - just before Enqueue, noted in the job).
/// Each round starts a fresh worker process: the warm-up jobs are enqueued at the same rate and waited for until they
/// all ended, then the measured jobs follow. A fresh process compiles its whole job path (JIT) on its first jobs, which
/// then take hundreds of milliseconds each while the queue behind them waits; that cold start is shown on its own row
/// and left out of the steady-state figures. Rounds alternate the two.
/// </summary>
internal static class LatencyScenario
{
    public static async Task RunAsync(BenchEnvironment env, BenchSizes sizes, Report report)
    {
        var runbooks = LocalRunbooks.WriteSetChain(Path.Combine(env.WorkDirectory, "one-step"), 1);
        var total = sizes.LatencyRuns + sizes.LatencyWarmUp;
        var timeout = TimeSpan.FromSeconds(total / sizes.LatencyRate + 120);
        List<double> runbooksMs = [], bareMs = [], runbooksCold = [], bareCold = [];
        for (var round = 1; round <= sizes.Rounds; round++)
        {
            var schema = $"lat_rb_{round}";
            await using (var serve = await env.StartServeAsync(schema, sizes.WorkersPerProcess))
            {
                var journal = new JournalQueries(env.ConnectionString, schema);
                await env.EnqueueRunsAsync(schema, runbooks, sizes.LatencyWarmUp, sizes.LatencyRate);
                await journal.WaitForEndedAsync(sizes.LatencyWarmUp, timeout);
                await env.EnqueueRunsAsync(schema, runbooks, sizes.LatencyRuns, sizes.LatencyRate);
                await journal.WaitForEndedAsync(total, timeout);
                var all = await journal.StartLatenciesAsync(0);
                runbooksCold.AddRange(all.Take(sizes.LatencyWarmUp));
                var samples = all.Skip(sizes.LatencyWarmUp).ToList();
                runbooksMs.AddRange(samples);
                Console.WriteLine($"  latency round {round}  Runbooks      p50 {Stats.Median(samples),6:0.0} ms  p99 {Stats.Percentile(samples, 99),6:0.0} ms  (cold start: max {all.Take(sizes.LatencyWarmUp).Max(),6:0.0} ms)");
                PrintPhases(await journal.StartPhasesAsync(BenchEnvironment.HangfireSchemaOf(schema), sizes.LatencyWarmUp));
            }
            var bareSchema = $"lat_bare_{round}";
            var (server, timesFile) = await env.StartNoopServerAsync(bareSchema, sizes.WorkersPerProcess, total);
            await using (server)
            {
                await env.EnqueueNoopsAsync(bareSchema, sizes.LatencyWarmUp, sizes.LatencyRate);
                await JournalQueries.WaitForHangfireSucceededAsync(env.ConnectionString, bareSchema, sizes.LatencyWarmUp, timeout);
                await env.EnqueueNoopsAsync(bareSchema, sizes.LatencyRuns, sizes.LatencyRate);
                await server.WaitForSuccessAsync(timeout);
            }
            var bareAll = NoopTimes.Read(timesFile).OrderBy(t => t.Enqueued).Select(t => (t.Started - t.Enqueued) / 10_000.0).ToList();
            bareCold.AddRange(bareAll.Take(sizes.LatencyWarmUp));
            var bare = bareAll.Skip(sizes.LatencyWarmUp).ToList();
            bareMs.AddRange(bare);
            Console.WriteLine($"  latency round {round}  bare Hangfire p50 {Stats.Median(bare),6:0.0} ms  p99 {Stats.Percentile(bare, 99),6:0.0} ms  (cold start: max {bareAll.Take(sizes.LatencyWarmUp).Max(),6:0.0} ms)");
        }
        string[] Row(string what, List<double> ms) => [what, ms.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Report.F(Stats.Median(ms)), Report.F(Stats.Percentile(ms, 99)), Report.F(ms.Max())];
        report.Section("Enqueue → start latency",
            $"{sizes.Rounds} round(s), each on a fresh worker process: {sizes.LatencyWarmUp} warm-up jobs enqueued from a separate process at {sizes.LatencyRate:0}/s and waited for, " +
            $"then {sizes.LatencyRuns} measured jobs at the same rate; one worker process with {sizes.WorkersPerProcess} workers; samples of all rounds pooled. " +
            "The cold-start rows are the warm-up jobs: the first jobs a fresh process runs, while it compiles its job path.",
            ["what", "samples", "p50 ms", "p99 ms", "max ms"],
            [
                Row("Runbooks run (1 `set` step): first step start − queued", runbooksMs), Row("bare Hangfire no-op job: job start − enqueue", bareMs),
                Row("cold start: Runbooks, first jobs of a fresh process", runbooksCold), Row("cold start: bare Hangfire, first jobs of a fresh process", bareCold),
            ]);
        var p99 = Stats.Percentile(runbooksMs, 99);
        report.Goal("p99 enqueue → start ≤ 250 ms (warm worker)", $"{Report.F(p99)} ms", p99 <= 250);
    }

    private static readonly string[] PhaseNames = ["queued→job created", "job created→Processing", "Processing→resumed", "resumed→step start"];

    /// <summary>Where the time of a round's runs went: p50/p99 of each phase, and the phases of the slowest runs.</summary>
    private static void PrintPhases(List<double[]> rows)
    {
        if (rows.Count == 0)
        {
            return;
        }
        for (var i = 0; i < PhaseNames.Length; i++)
        {
            var values = rows.Select(r => r[i]).Where(v => !double.IsNaN(v)).ToList();
            if (values.Count > 0)
            {
                Console.WriteLine($"    {PhaseNames[i],-24} p50 {Stats.Median(values),7:0.0} ms  p99 {Stats.Percentile(values, 99),7:0.0} ms  max {values.Max(),7:0.0} ms");
            }
        }
        foreach (var slow in rows.OrderByDescending(r => r.Take(4).Where(v => !double.IsNaN(v)).Sum()).Take(Math.Max(1, rows.Count / 20)).OrderBy(r => r[4]))
        {
            Console.WriteLine($"    slow run queued at +{slow[4] / 1000,6:0.000} s ({DateTime.UnixEpoch.AddMilliseconds(slow[5]):HH:mm:ss.fff}): {string.Join("  ", slow.Take(4).Select((v, i) => $"{PhaseNames[i]} {v:0.0}"))}");
        }
    }
}
