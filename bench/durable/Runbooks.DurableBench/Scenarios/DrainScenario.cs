using Runbooks.DurableBench.Harness;

namespace Runbooks.DurableBench.Scenarios;

/// <summary>
/// Drain rate: W + M jobs enqueued while no worker runs, then one worker process started. The warm rate is M ÷ (the
/// last job's end − the W-th job's end): the backlog a worker drains once .NET has compiled its job path, as the
/// latency part's warm rows are. The whole-backlog rate, (W + M) ÷ (last end − first start), and the rate from the
/// process's start are shown beside it. Runbooks runs (one `set` step) on <c>runbooks serve</c> against bare Hangfire
/// no-op jobs, same worker count, same PostgreSQL, same Hangfire storage options. Rounds alternate the two; the table
/// shows medians.
/// </summary>
internal static class DrainScenario
{
    public static async Task RunAsync(BenchEnvironment env, BenchSizes sizes, Report report)
    {
        var runbooks = LocalRunbooks.WriteSetChain(Path.Combine(env.WorkDirectory, "one-step"), 1);
        var (w, measured) = (sizes.DrainWarmUp, sizes.DrainRuns);
        var m = w + measured;
        var timeout = TimeSpan.FromMinutes(10);
        List<double> runbooksWarm = [], runbooksRate = [], runbooksWall = [], bareWarm = [], bareRate = [], bareWall = [];
        // Over the jobs that ended: the bare Hangfire peer may leave a stranded job or two (NoopServer says how many).
        double Warm(List<double> ends) => (ends.Count - w) / (ends[^1] - ends[w - 1]);
        for (var round = 1; round <= sizes.Rounds; round++)
        {
            var schema = $"drain_rb_{round}";
            await env.EnqueueRunsAsync(schema, runbooks, m, 0);
            await using (var serve = await env.StartServeAsync(schema, sizes.WorkersPerProcess))
            {
                var journal = new JournalQueries(env.ConnectionString, schema);
                await journal.WaitForEndedAsync(m, timeout);
                runbooksRate.Add(m / await journal.SecondsFromFirstStepToLastEndAsync());
                runbooksWarm.Add(Warm(await journal.EndsAsync()));
                runbooksWall.Add(m / (await journal.LastEndAsync() - serve.StartedAt).TotalSeconds);
            }
            Console.WriteLine($"  drain round {round}    Runbooks      {runbooksWarm[^1],7:0.0} runs/s warm, {runbooksRate[^1]:0.0}/s whole backlog ({runbooksWall[^1]:0.0}/s from process start)");

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
            bareRate.Add(times.Count / TimeSpan.FromTicks(lastEnd - times.Min(t => t.Started)).TotalSeconds);
            bareWarm.Add(Warm([.. times.Select(t => t.Ended / (double)TimeSpan.TicksPerSecond).Order()]));
            bareWall.Add(m / TimeSpan.FromTicks(lastEnd - started.Ticks).TotalSeconds);
            Console.WriteLine($"  drain round {round}    bare Hangfire {bareWarm[^1],7:0.0} jobs/s warm, {bareRate[^1]:0.0}/s whole backlog ({bareWall[^1]:0.0}/s from process start)");
        }
        string Rounds(List<double> rates) => string.Join(", ", rates.Select(r => Report.F(r)));
        var ratio = Stats.Median(runbooksWarm) / Stats.Median(bareWarm);
        var wholeRatio = Stats.Median(runbooksRate) / Stats.Median(bareRate);
        report.Section("Drain rate",
            $"{sizes.Rounds} round(s): {m} jobs enqueued with no worker running, then one worker process with {sizes.WorkersPerProcess} workers started. " +
            $"Warm = the last {measured} jobs ÷ (last end − the {w}th job's end), once the process has compiled its job path; " +
            "whole backlog = all jobs ÷ (last end − first start); \"from process start\" counts the process's start-up too.",
            ["what", "warm, per round (jobs/s)", "warm median jobs/s", "whole backlog median", "median from process start"],
            [
                ["Runbooks runs (1 `set` step) on `runbooks serve`", Rounds(runbooksWarm), Report.F(Stats.Median(runbooksWarm)), Report.F(Stats.Median(runbooksRate)), Report.F(Stats.Median(runbooksWall))],
                ["bare Hangfire no-op jobs", Rounds(bareWarm), Report.F(Stats.Median(bareWarm)), Report.F(Stats.Median(bareRate)), Report.F(Stats.Median(bareWall))],
            ],
            $"Runbooks ÷ bare Hangfire, warm: **{Report.F(ratio, "0.00")}×**; over the whole backlog, with the cold start: {Report.F(wholeRatio, "0.00")}×.");
        report.Goal("drain ≥ 0.8× bare Hangfire (warm worker)", $"{Report.F(ratio, "0.00")}×", ratio >= 0.8);
    }
}
