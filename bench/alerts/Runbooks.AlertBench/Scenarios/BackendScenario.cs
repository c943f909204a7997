using System.Diagnostics;
using Runbooks.AlertBench.Harness;

namespace Runbooks.AlertBench.Scenarios;

/// <summary>
/// One backend, one fresh <c>runbooks serve</c>: warm-up alerts (its cold start, shown apart), then single alerts one at
/// a time — each sent after the previous run ended, so nothing queues — then the storm: every alert its own notification
/// and fingerprint, sent at an even pace without waiting for answers. Every run is waited for until it ended and
/// succeeded; then the journal's timestamps are read back and joined to the client's by fingerprint.
/// </summary>
internal static class BackendScenario
{
    private static readonly TimeSpan RunTimeout = TimeSpan.FromSeconds(60);
    private const int IdleSeconds = 5;

    public static async Task<IReadOnlyList<Measurement>> RunAsync(ServeBackend backend, int series, string workflows, BenchSizes sizes, string? perfDirectory)
    {
        await using var serve = await backend.StartAsync(workflows);
        using var client = new AlertClient(serve);
        var journal = backend.Journal();
        Console.WriteLine($"{backend.Label}: serve on {serve.Api} (load {MachineLoad.Now()})");

        var cpu = serve.Process.CpuMilliseconds();
        double CpuSince()
        {
            var (before, now) = (cpu, serve.Process.CpuMilliseconds());
            cpu = now;
            return now - before;
        }
        var cold = await OneAtATimeAsync(client, journal, series, sizes.WarmUpAlerts);
        var coldCpu = CpuSince();
        var single = await OneAtATimeAsync(client, journal, series + 1, sizes.SingleAlerts);
        var singleCpu = CpuSince();
        // What the warm server burns while nothing happens (pollers, timers, spinning threads): it is in every per-alert CPU figure.
        var perfName = backend.PostgreSql is null ? "embedded" : "postgresql";
        using (PerfRecording.Start(perfDirectory, $"{perfName}-idle", serve.Process.Id))
        {
            await Task.Delay(TimeSpan.FromSeconds(IdleSeconds));
        }
        var idleCpuPerSecond = CpuSince() / IdleSeconds;
        Console.WriteLine($"  idle serve CPU {idleCpuPerSecond:0.0} ms per second (after the single alerts, for {IdleSeconds} s)");
        var perf = PerfRecording.Start(perfDirectory, $"{perfName}-storm", serve.Process.Id);
        List<SentAlert> stormSent, refused;
        double stormStart, stormHighest;
        try
        {
            (stormSent, stormStart, stormHighest, refused) = await StormAsync(client, journal, series + 2, sizes);
        }
        catch (InvalidOperationException ex)
        {
            Console.WriteLine($"  the storm did not complete: {ex.Message}\n  serve's log:\n{ServerErrors(serve)}");
            throw;
        }
        finally
        {
            perf?.Dispose();
        }
        var stormCpu = CpuSince();
        var refusals = refused.Count == 0 ? null : new Refusals(refused.Count, refused[0].Problem!, ServerErrors(serve));
        if (refusals is not null)
        {
            Console.WriteLine($"  {refusals.Count} storm alert(s) refused, first: {refusals.First}\n  serve's log:\n{refusals.ServerLog}");
        }

        var times = await journal.TimesAsync();
        Measurement Join(string what, (List<SentAlert> Sent, double Start, double Highest) part, double cpuMs, Refusals? refusals = null) =>
            new(backend.Label, what, [.. part.Sent.Select(s => new Sample(s, times.TryGetValue(s.Fingerprint, out var t) ? t
                : throw new InvalidOperationException($"alert {s.Fingerprint} started run {s.RunId}, but the journal has no started decision for it")))],
                part.Start, part.Highest, cpuMs, idleCpuPerSecond) { Refused = refusals };
        var measurements = new[] { Join("cold start (first alerts of a fresh process)", cold, coldCpu),
            Join("single alerts, one at a time", single, singleCpu), Join($"storm: {sizes.StormAlerts} alerts over {sizes.StormSeconds:0} s", (stormSent, stormStart, stormHighest), stormCpu, refusals) };
        foreach (var m in measurements)
        {
            Console.WriteLine($"  {m.What,-46} p50 {Stats.Percentile([.. m.Samples.Select(s => s.SendToStep)], 50),7:0.0} ms  p99 {Stats.Percentile([.. m.Samples.Select(s => s.SendToStep)], 99),7:0.0} ms  (serve CPU {m.CpuMsPerAlert,5:0.0} ms/alert, load {MachineLoad.Span(m.LoadStart, m.LoadHighest)})");
        }
        Histogram("storm claim → step start", measurements[2].Samples.Select(s => s.ClaimedToStep));
        Histogram("storm step start → run end", measurements[2].Samples.Select(s => s.StepToEnd));
        return measurements;
    }

    /// <summary>The first warning or error events serve logged (Serilog's console: <c>[.. WRN]</c>, <c>[.. ERR]</c> and the exception lines after it).</summary>
    private static string ServerErrors(RunningServe serve)
    {
        var lines = serve.Process.Output.Split('\n');
        var first = Array.FindIndex(lines, l => l.Contains(" WRN]", StringComparison.Ordinal) || l.Contains(" ERR]", StringComparison.Ordinal) || l.Contains(" FTL]", StringComparison.Ordinal));
        return first < 0 ? "(no error events in serve's log)" : string.Join('\n', lines.Skip(first).Take(40));
    }

    /// <summary>
    /// Prints how a storm phase's samples fall into 25 ms bins: waits that cluster at one length (a fixed retry sleep,
    /// a poll interval) show up as peaks, which percentiles hide.
    /// </summary>
    private static void Histogram(string what, IEnumerable<double> values)
    {
        var bins = values.Where(v => !double.IsNaN(v)).GroupBy(v => (int)Math.Min(Math.Floor(v / 25), 40)).OrderBy(g => g.Key)
            .Select(g => $"{g.Key * 25}{(g.Key == 40 ? "+" : "")}:{g.Count()}");
        Console.WriteLine($"    {what} (ms bin:count) {string.Join(' ', bins)}");
    }

    private static async Task<(List<SentAlert>, double, double)> OneAtATimeAsync(AlertClient client, AlertJournal journal, int series, int count)
    {
        var payloads = Enumerable.Range(0, count).Select(i => AlertClient.Fingerprint(series, i)).Select(f => (Fingerprint: f, Payload: AlertClient.Payload(f))).ToList();
        using var load = new LoadWatch();
        var sent = new List<SentAlert>(count);
        foreach (var (fingerprint, payload) in payloads)
        {
            var alert = Started(await client.SendAsync(fingerprint, payload));
            await journal.WaitForEndAsync(alert.RunId!, RunTimeout);
            sent.Add(alert);
        }
        return (sent, load.Start, load.Highest);
    }

    private static async Task<(List<SentAlert>, double, double, List<SentAlert>)> StormAsync(AlertClient client, AlertJournal journal, int series, BenchSizes sizes)
    {
        var payloads = Enumerable.Range(0, sizes.StormAlerts).Select(i => AlertClient.Fingerprint(series, i)).Select(f => (Fingerprint: f, Payload: AlertClient.Payload(f))).ToArray();
        var interval = TimeSpan.FromSeconds(sizes.StormSeconds / sizes.StormAlerts);
        using var load = new LoadWatch();
        var sends = new List<Task<SentAlert>>(payloads.Length);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < payloads.Length; i++)
        {
            var due = interval * i;
            if (due - clock.Elapsed is { TotalMilliseconds: > 1 } wait)
            {
                await Task.Delay(wait);
            }
            var (fingerprint, payload) = payloads[i];
            // On the pool, so a send that blocks for a moment does not hold back the ones due after it.
            sends.Add(Task.Run(() => client.SendAsync(fingerprint, payload)));
        }
        var answers = await Task.WhenAll(sends);
        // A refused alert is a result, not the end of the bench: Alertmanager would send it again. The ones accepted are measured.
        var refused = answers.Where(a => a.RunId is null).ToList();
        var sent = answers.Where(a => a.RunId is not null).ToList();
        var before = sizes.WarmUpAlerts + sizes.SingleAlerts;
        await journal.WaitForRunsAsync(before + sent.Count, TimeSpan.FromSeconds(120), RunTimeout);
        return (sent, load.Start, load.Highest, refused);
    }

    private static SentAlert Started(SentAlert alert) => alert.RunId is not null
        ? alert
        : throw new InvalidOperationException($"alert {alert.Fingerprint} started no run: {alert.Problem}");
}
