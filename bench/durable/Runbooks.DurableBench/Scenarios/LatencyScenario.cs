using Runbooks.DurableBench.Harness;

namespace Runbooks.DurableBench.Scenarios;

/// <summary>
/// Enqueue -> start from another process, paced: runs of a one-step local runbook on a <c>runbooks serve</c> worker
/// (latency = first step attempt's start - the run's queued time, both from the journal) beside bare Hangfire no-op
/// jobs on the same PostgreSQL in their own schema (latency = job start - just before Enqueue, noted in the job).
/// The first warm-up samples of each round are left out (JIT, first connections). Rounds alternate the two.
/// </summary>
internal static class LatencyScenario
{
    public static async Task RunAsync(BenchEnvironment env, BenchSizes sizes, Report report)
    {
        var runbooks = LocalRunbooks.WriteSetChain(Path.Combine(env.WorkDirectory, "one-step"), 1);
        var total = sizes.LatencyRuns + sizes.LatencyWarmUp;
        var timeout = TimeSpan.FromSeconds(total / sizes.LatencyRate + 120);
        List<double> runbooksMs = [], bareMs = [];
        for (var round = 1; round <= sizes.Rounds; round++)
        {
            var schema = $"lat_rb_{round}";
            await using (var serve = await env.StartServeAsync(schema, sizes.WorkersPerProcess))
            {
                await env.EnqueueRunsAsync(schema, runbooks, total, sizes.LatencyRate);
                var journal = new JournalQueries(env.ConnectionString, schema);
                await journal.WaitForEndedAsync(total, timeout);
                var samples = await journal.StartLatenciesAsync(sizes.LatencyWarmUp);
                runbooksMs.AddRange(samples);
                Console.WriteLine($"  latency round {round}  Runbooks      p50 {Stats.Median(samples),6:0.0} ms  p99 {Stats.Percentile(samples, 99),6:0.0} ms");
            }
            var (server, timesFile) = await env.StartNoopServerAsync($"lat_bare_{round}", sizes.WorkersPerProcess, total);
            await using (server)
            {
                await env.EnqueueNoopsAsync($"lat_bare_{round}", total, sizes.LatencyRate);
                await server.WaitForSuccessAsync(timeout);
            }
            var bare = NoopTimes.Read(timesFile).OrderBy(t => t.Enqueued).Skip(sizes.LatencyWarmUp).Select(t => (t.Started - t.Enqueued) / 10_000.0).ToList();
            bareMs.AddRange(bare);
            Console.WriteLine($"  latency round {round}  bare Hangfire p50 {Stats.Median(bare),6:0.0} ms  p99 {Stats.Percentile(bare, 99),6:0.0} ms");
        }
        string[] Row(string what, List<double> ms) => [what, ms.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Report.F(Stats.Median(ms)), Report.F(Stats.Percentile(ms, 99)), Report.F(ms.Max())];
        report.Section("Enqueue → start latency",
            $"{sizes.Rounds} round(s), each {sizes.LatencyRuns} jobs enqueued from a separate process at {sizes.LatencyRate:0}/s after {sizes.LatencyWarmUp} warm-up jobs (left out); " +
            $"one worker process with {sizes.WorkersPerProcess} workers; samples of all rounds pooled.",
            ["what", "samples", "p50 ms", "p99 ms", "max ms"],
            [Row("Runbooks run (1 `set` step): first step start − queued", runbooksMs), Row("bare Hangfire no-op job: job start − enqueue", bareMs)]);
        var p99 = Stats.Percentile(runbooksMs, 99);
        report.Goal("p99 enqueue → start ≤ 250 ms", $"{Report.F(p99)} ms", p99 <= 250);
    }
}
