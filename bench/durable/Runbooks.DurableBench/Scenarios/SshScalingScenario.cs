using System.Globalization;
using System.Text;
using Runbooks.DurableBench.Harness;
using Runbooks.Testing.Ssh;

namespace Runbooks.DurableBench.Scenarios;

/// <summary>
/// 1 vs 2 worker processes on SSH-bound runs: K runs, each one step that sleeps 5 s on its own sshd host (one host per
/// run, so target locks never make runs wait for each other), queued in a burst once the worker process(es) serve.
/// Each process has few workers, so one process is the bottleneck. Throughput = K / (last run's end - first queued).
/// Rounds alternate 1 and 2 processes; the table shows medians.
/// </summary>
internal static class SshScalingScenario
{
    public static async Task RunAsync(BenchEnvironment env, BenchSizes sizes, Report report)
    {
        var k = sizes.SshRuns;
        var servers = new SshdFixture[k];
        Parallel.For(0, k, i => servers[i] = SshdFixture.Start(new SshdOptions()));
        try
        {
            var (inventory, runbooks) = WriteFiles(env.WorkDirectory, servers);
            var throughput = new Dictionary<int, List<double>> { [1] = [], [2] = [] };
            for (var round = 1; round <= sizes.Rounds; round++)
            {
                foreach (var processes in (int[])[1, 2])
                {
                    var schema = $"ssh_p{processes}_{round}";
                    var serves = await Task.WhenAll(Enumerable.Range(0, processes).Select(_ => env.StartServeAsync(schema, sizes.SshWorkersPerProcess, inventory)));
                    try
                    {
                        await env.EnqueueRunsAsync(schema, runbooks, k, 0, inventory);
                        var journal = new JournalQueries(env.ConnectionString, schema);
                        await journal.WaitForEndedAsync(k, TimeSpan.FromMinutes(5));
                        throughput[processes].Add(k / await journal.SecondsFromFirstQueuedToLastEndAsync());
                        Console.WriteLine($"  ssh round {round}      {processes} process(es) x {sizes.SshWorkersPerProcess} workers {throughput[processes][^1],6:0.00} runs/s");
                    }
                    finally
                    {
                        foreach (var serve in serves)
                        {
                            await serve.DisposeAsync();
                        }
                    }
                }
            }
            var ratio = Stats.Median(throughput[2]) / Stats.Median(throughput[1]);
            report.Section("1 vs 2 worker processes, SSH-bound runs",
                $"{sizes.Rounds} round(s): {k} runs queued in a burst, each `shell` `sleep 5` on its own sshd host (127.0.0.1, {k} sshd), " +
                $"{sizes.SshWorkersPerProcess} workers per `runbooks serve` process; runs/s = runs ÷ (last end − first queued), median of the rounds.",
                ["worker processes", "per round (runs/s)", "median runs/s"],
                throughput.Select(t => new[] { t.Key.ToString(CultureInfo.InvariantCulture), string.Join(", ", t.Value.Select(v => Report.F(v, "0.00"))), Report.F(Stats.Median(t.Value), "0.00") }),
                $"2 processes ÷ 1: **{Report.F(ratio, "0.00")}×** (the ideal is 2×; 4 workers per process would give 0.8 runs/s if the 5 s sleep were all a run cost).");
            report.Goal("2 worker processes ≥ 1.7× one", $"{Report.F(ratio, "0.00")}×", ratio >= 1.7);
        }
        finally
        {
            Parallel.ForEach(servers, s => s?.Dispose());
        }
    }

    private static (string Inventory, string Runbooks) WriteFiles(string work, IReadOnlyList<SshdFixture> servers)
    {
        var knownHosts = Path.Combine(work, "known_hosts");
        File.WriteAllLines(knownHosts, servers.Select(s => s.KnownHostsLine));
        var yaml = new StringBuilder().Append(CultureInfo.InvariantCulture, $"knownHosts: {knownHosts}\ncredentials:\n");
        for (var i = 0; i < servers.Count; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  key-{i + 1}: {{ privateKeyFile: {servers[i].ClientKeyFile} }}\n");
        }
        yaml.Append("hosts:\n");
        for (var i = 0; i < servers.Count; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  web-{i + 1}: {{ address: 127.0.0.1, port: {servers[i].Port}, user: {Environment.UserName}, credential: key-{i + 1} }}\n");
        }
        var inventory = Path.Combine(work, "ssh-inventory.yaml");
        File.WriteAllText(inventory, yaml.ToString());
        var runbooks = Directory.CreateDirectory(Path.Combine(work, "ssh-runbooks")).FullName;
        for (var i = 0; i < servers.Count; i++)
        {
            File.WriteAllText(Path.Combine(runbooks, $"sleep-{i + 1:000}.yaml"),
                $"name: bench-ssh-sleep-{i + 1}\ntargets: {{ hosts: [web-{i + 1}] }}\nsteps:\n  - id: sleep\n    action: shell\n    with: {{ argv: [sleep, \"5\"] }}\n");
        }
        return (inventory, runbooks);
    }
}
