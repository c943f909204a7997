using Runbooks.DurableBench.Harness;

namespace Runbooks.DurableBench.Scenarios;

/// <summary>
/// Drain rate: M jobs enqueued while no worker runs, then one worker process started; rate = M / (last job's end -
/// first job's start), so process start-up is not in it (the wall time from starting the process is shown beside).
/// Runbooks runs (one `set` step) on <c>runbooks serve</c> against bare Hangfire no-op jobs, same worker count,
/// same PostgreSQL, same Hangfire storage options. Rounds alternate the two; the table shows medians.
/// </summary>
internal static class DrainScenario
{
    public static async Task RunAsync(BenchEnvironment env, BenchSizes sizes, Report report)
    {
        var runbooks = LocalRunbooks.WriteSetChain(Path.Combine(env.WorkDirectory, "one-step"), 1);
        var m = sizes.DrainRuns;
        var timeout = TimeSpan.FromMinutes(10);
        List<double> runbooksRate = [], runbooksWall = [], bareRate = [], bareWall = [];
        for (var round = 1; round <= sizes.Rounds; round++)
        {
            var schema = $"drain_rb_{round}";
            await env.EnqueueRunsAsync(schema, runbooks, m, 0);
            await using (var serve = await env.StartServeAsync(schema, sizes.WorkersPerProcess))
            {
                var journal = new JournalQueries(env.ConnectionString, schema);
                await journal.WaitForEndedAsync(m, timeout);
                runbooksRate.Add(m / await journal.SecondsFromFirstStepToLastEndAsync());
                runbooksWall.Add(m / (await journal.LastEndAsync() - serve.StartedAt).TotalSeconds);
            }
            Console.WriteLine($"  drain round {round}    Runbooks      {runbooksRate[^1],7:0.0} runs/s ({runbooksWall[^1]:0.0}/s from process start)");

            var hangfireSchema = $"drain_bare_{round}";
            await env.EnqueueNoopsAsync(hangfireSchema, m, 0);
            var (server, timesFile) = await env.StartNoopServerAsync(hangfireSchema, sizes.WorkersPerProcess, m);
            var started = server.StartedAt;
            await using (server)
            {
                await server.WaitForSuccessAsync(timeout);
            }
            var times = NoopTimes.Read(timesFile);
            var lastEnd = times.Max(t => t.Ended);
            bareRate.Add(m / TimeSpan.FromTicks(lastEnd - times.Min(t => t.Started)).TotalSeconds);
            bareWall.Add(m / TimeSpan.FromTicks(lastEnd - started.Ticks).TotalSeconds);
            Console.WriteLine($"  drain round {round}    bare Hangfire {bareRate[^1],7:0.0} jobs/s ({bareWall[^1]:0.0}/s from process start)");
        }
        string Rounds(List<double> rates) => string.Join(", ", rates.Select(r => Report.F(r)));
        var ratio = Stats.Median(runbooksRate) / Stats.Median(bareRate);
        report.Section("Drain rate",
            $"{sizes.Rounds} round(s): {m} jobs enqueued with no worker running, then one worker process with {sizes.WorkersPerProcess} workers started; " +
            "rate = jobs ÷ (last end − first start); \"from process start\" counts the process's start-up too.",
            ["what", "per round (jobs/s)", "median jobs/s", "median from process start"],
            [
                ["Runbooks runs (1 `set` step) on `runbooks serve`", Rounds(runbooksRate), Report.F(Stats.Median(runbooksRate)), Report.F(Stats.Median(runbooksWall))],
                ["bare Hangfire no-op jobs", Rounds(bareRate), Report.F(Stats.Median(bareRate)), Report.F(Stats.Median(bareWall))],
            ],
            $"Runbooks ÷ bare Hangfire: **{Report.F(ratio, "0.00")}×**.");
        report.Goal("drain ≥ 0.8× bare Hangfire", $"{Report.F(ratio, "0.00")}×", ratio >= 0.8);
    }
}
