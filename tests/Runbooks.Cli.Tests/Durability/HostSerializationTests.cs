using System.Globalization;
using Runbooks.Cli.Tests.TestSupport;
using Runbooks.Testing.Ssh;

namespace Runbooks.Cli.Tests.Durability;

/// <summary>
/// Twenty <c>runbooks run</c> processes started at once against one real sshd host, sharing one SQLite journal: the
/// host locks in that database let exactly one act on the host at a time.
/// </summary>
public sealed class HostSerializationTests : IClassFixture<SshFleetFixture>, IDisposable
{
    private const int Runs = 20;

    private readonly SshFleetFixture _fleet;
    private readonly TempWorkDir _dir = new();

    public HostSerializationTests(SshFleetFixture fleet)
    {
        _fleet = fleet;
        _fleet.ResetFakes();
        // Each call writes its own start and end line, with its pid, around a short nap.
        _fleet.AddFake("work", "echo \"start $$ $(date +%s%N)\" >> \"$STATE/intervals\"; sleep 0.2; echo \"end $$ $(date +%s%N)\" >> \"$STATE/intervals\"");
        _dir.Write("inventory.yaml", _fleet.InventoryYaml());
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Run_TwentyProcessesOnOneHost_ActOneAtATime()
    {
        var runbook = _dir.Write("one-host.yaml", """
            name: one-host
            targets:
              hosts: [web-1]
            steps:
              - id: work
                action: ssh.command
                with: { argv: [work] }
            """);
        // Twenty dotnet processes on two cores start slowly and queue behind each other: generous hang guards.
        var env = new Dictionary<string, string?> { ["Runbooks__Locks__WaitTimeout"] = "00:15:00" };
        var processes = Enumerable.Range(0, Runs).Select(_ => CliProcess.Start(_dir, env, "run", runbook)).ToList();
        try
        {
            var results = await Task.WhenAll(processes.Select(p => p.WaitForExitAsync(TimeSpan.FromMinutes(10))));

            Assert.All(results, r => Assert.True(r.ExitCode == 0, r.ToString()));
        }
        finally
        {
            processes.ForEach(p => p.Dispose());
        }
        var lines = File.ReadAllLines(Path.Combine(_fleet.Fakes[0].StateDirectory, "intervals")).Select(l => l.Split(' ')).ToList();
        Assert.Equal(2 * Runs, lines.Count);
        // Serialized means: every start is followed by the end of the same call, before any other call starts.
        for (var i = 0; i < lines.Count; i += 2)
        {
            Assert.True(lines[i][0] == "start" && lines[i + 1][0] == "end" && lines[i][1] == lines[i + 1][1],
                $"calls overlap at line {i + 1}:\n{string.Join('\n', lines.Select(l => string.Join(' ', l)))}");
            if (i > 0)
            {
                Assert.True(long.Parse(lines[i][2], CultureInfo.InvariantCulture) >= long.Parse(lines[i - 1][2], CultureInfo.InvariantCulture),
                    $"call at line {i + 1} started before the previous one ended");
            }
        }
        Assert.Equal(Runs, lines.Select(l => l[1]).Distinct().Count());
        Assert.Equal(Runs, _fleet.Calls().Count(c => c is { Host: "web-1", Command: "work" }));
    }
}
