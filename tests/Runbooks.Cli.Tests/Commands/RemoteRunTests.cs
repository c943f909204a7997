using System.Text.Json;
using Runbooks.Cli.Tests.TestSupport;
using Runbooks.Testing.Ssh;

namespace Runbooks.Cli.Tests.Commands;

/// <summary>
/// <c>runbooks run</c> on a fleet of real sshd hosts (web-1 … web-4 on 127.0.0.1): the rollout's concurrency bound and
/// halt point, read from a ledger every remote command appends to; hostile parameters over SSH; a connection lost
/// mid-command.
/// </summary>
public sealed class RemoteRunTests : IClassFixture<SshFleetFixture>, IDisposable
{
    private readonly SshFleetFixture _fleet;
    private readonly TempWorkDir _dir = new();

    public RemoteRunTests(SshFleetFixture fleet) => _fleet = fleet;

    public void Dispose() => _dir.Dispose();

    private string Ledger => _dir["ledger.txt"];

    private IReadOnlyList<string> LedgerLines => File.Exists(Ledger) ? File.ReadAllLines(Ledger) : [];

    private void WriteInventory(params string[] failing) =>
        _dir.Write("inventory.yaml", _fleet.InventoryYaml(name => new Dictionary<string, string> { ["exit"] = failing.Contains(name) ? "1" : "0" }));

    /// <summary>A one-step runbook whose step appends start/end lines for its host to the ledger, holding in between.</summary>
    private string Runbook(string strategy, string hold = "0.4") => _dir.Write("fleet.yaml", $$$"""
        name: fleet
        targets:
          groups: [web]
          strategy: { {{{strategy}}} }
        steps:
          - id: work
            action: shell
            with:
              argv: [sh, -c, 'echo "start $1" >> "$2"; sleep {{{hold}}}; echo "end $1" >> "$2"; exit "$3"', work, "{{ target.name }}", "{{{Ledger}}}", "{{ target.labels.exit }}"]
          - id: after
            action: shell
            with: { argv: [echo, "done on {{ target.name }}"] }
        """);

    private static int MaxOverlap(IEnumerable<string> ledger)
    {
        var (running, max) = (0, 0);
        foreach (var line in ledger)
        {
            running += line.StartsWith("start ", StringComparison.Ordinal) ? 1 : line.StartsWith("end ", StringComparison.Ordinal) ? -1 : 0;
            max = Math.Max(max, running);
        }
        return max;
    }

    [Fact]
    public async Task Run_FleetWithConcurrencyTwo_RunsEveryHostNeverMoreThanTwoAtOnce()
    {
        WriteInventory();
        var result = await CliProcess.RunAsync(_dir, "run", Runbook("concurrency: 2"));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(2, MaxOverlap(LedgerLines));
        Assert.Equal(["start web-1", "start web-2", "start web-3", "start web-4"], LedgerLines.Where(l => l.StartsWith("start", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        // The summary: one row per host, then every host × step.
        foreach (var host in _fleet.Names)
        {
            Assert.Matches($@"(?m)^  {host}\s+1\s+succeeded\s", result.Stdout);
            Assert.Matches($@"(?m)^  {host}\s+work\s+shell\s+succeeded\s+1\s", result.Stdout);
            Assert.Matches($@"(?m)^  {host}\s+after\s+shell\s+succeeded\s+1\s", result.Stdout);
        }
    }

    [Fact]
    public async Task Run_MaxErrorsOne_SecondFailedHostHaltsTheRollout()
    {
        WriteInventory("web-2", "web-3");
        var result = await CliProcess.RunAsync(_dir, "run", Runbook("concurrency: 1, maxErrors: 1", hold: "0"), "--output", "json");
        Assert.Equal(1, result.ExitCode);
        // web-2 fails (tolerated), web-3 fails (the 2nd failure: halt), web-4 never starts.
        Assert.Equal(["start web-1", "end web-1", "start web-2", "end web-2", "start web-3", "end web-3"], LedgerLines);
        using var json = JsonDocument.Parse(result.Stdout);
        var targets = json.RootElement.GetProperty("targets").EnumerateArray().Select(t => (t.GetProperty("target").GetString(), t.GetProperty("status").GetString())).ToList();
        Assert.Equal([("web-1", "succeeded"), ("web-2", "failed"), ("web-3", "failed"), ("web-4", "skipped")], targets);
        Assert.Equal("the rollout halted at failed host 2 (web-3): maxErrors is 1; hosts already running finished, the rest were skipped",
            json.RootElement.GetProperty("halted").GetString());
        Assert.Equal("failed", json.RootElement.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Run_HostileParameterOverSsh_ArrivesAsOneArgumentAndNothingRuns()
    {
        WriteInventory();
        var marker = _dir["pwned"];
        var hostile = $"$(touch {marker}) `touch {marker}`; touch {marker} | -rf --x 'q' \"dq\" *";
        var file = _dir.Write("echo.yaml", """
            name: echo-value
            parameters:
              value: { type: string, required: true }
            targets: { hosts: [web-1] }
            steps:
              - id: echo
                action: shell
                with: { argv: [printf, "%s|", "{{ params.value }}", "-n"] }
            outputs:
              got: "{{ steps.echo.outputs.stdout }}"
            """);
        var result = await CliProcess.RunAsync(_dir, "run", file, "-p", $"value={hostile}", "--output", "json");
        Assert.True(result.ExitCode == 0, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal($"{hostile}|-n|", json.RootElement.GetProperty("outputs").GetProperty("web-1").GetProperty("got").GetString());
        Assert.False(File.Exists(marker));
    }

    [Fact]
    public async Task Run_ParameterWithNewline_IsRefusedBeforeAnythingRunsRemotely()
    {
        WriteInventory();
        var file = _dir.Write("echo.yaml", $$$"""
            name: echo-value
            parameters:
              value: { type: string, required: true }
            targets: { hosts: [web-1] }
            steps:
              - id: echo
                action: shell
                with: { argv: [sh, -c, 'echo ran >> "$1"', x, "{{{Ledger}}}", "{{ params.value }}"] }
            """);
        var result = await CliProcess.RunAsync(_dir, "run", file, "-p", "value=a\ntouch /tmp/x");
        Assert.Equal(1, result.ExitCode);
        Assert.True(result.Stdout.Contains("argument 5 contains a line feed, which cannot be passed to a remote command safely", StringComparison.Ordinal), result.ToString());
        Assert.Empty(LedgerLines);
    }

    [Fact]
    public async Task Run_ConnectionLostMidCommand_OutcomeUnknownAndNotRerun()
    {
        WriteInventory();
        // The command appends to the ledger, then kills the sshd session serving it: the connection drops mid-command.
        var file = _dir.Write("drop.yaml", $$$"""
            name: drop
            targets: { hosts: [web-1] }
            steps:
              - id: restart
                action: shell
                retry: { attempts: 3, initialDelay: 100ms }
                with: { argv: [sh, -c, 'echo ran >> "$1"; kill -9 $PPID; sleep 5', x, "{{{Ledger}}}"] }
            """);
        var result = await CliProcess.RunAsync(_dir, "run", file, "--output", "json");
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["ran"], LedgerLines);
        using var json = JsonDocument.Parse(result.Stdout);
        var step = json.RootElement.GetProperty("steps")[0];
        Assert.Equal("unknown", step.GetProperty("status").GetString());
        Assert.Equal(1, step.GetProperty("attempts").GetInt32());
        Assert.Contains("the connection to host 'web-1' was lost while a command ran", step.GetProperty("error").GetString(), StringComparison.Ordinal);
        Assert.Contains("is not retried: the connection was lost while it ran", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_ConnectionLostInIdempotentStep_RunsOnceMoreOverANewConnection()
    {
        WriteInventory();
        // First attempt: drop the connection. Second attempt (new connection): the ledger has a line, so finish.
        var file = _dir.Write("drop.yaml", $$$"""
            name: drop
            targets: { hosts: [web-1] }
            steps:
              - id: check
                action: shell
                idempotent: true
                with: { argv: [sh, -c, 'if [ -s "$1" ]; then echo again >> "$1"; else echo ran >> "$1"; kill -9 $PPID; sleep 5; fi', x, "{{{Ledger}}}"] }
            """);
        var result = await CliProcess.RunAsync(_dir, "run", file, "--output", "json");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["ran", "again"], LedgerLines);
        using var json = JsonDocument.Parse(result.Stdout);
        Assert.Equal(2, json.RootElement.GetProperty("steps")[0].GetProperty("attempts").GetInt32());
    }

    [Fact]
    public async Task Run_UnknownHostKey_FailsThatHostBeforeAuthenticationWithTheFingerprint()
    {
        // An inventory whose known_hosts lacks web-1's key.
        var inventory = _fleet.InventoryYaml(_ => new Dictionary<string, string> { ["exit"] = "0" })
            .Replace($"knownHosts: {_fleet.KnownHostsFile}", $"knownHosts: {_dir.Write("known_hosts", "")}", StringComparison.Ordinal);
        _dir.Write("inventory.yaml", inventory);
        var result = await CliProcess.RunAsync(_dir, "run", Runbook("concurrency: 4, maxErrors: 4", hold: "0"));
        Assert.Equal(1, result.ExitCode);
        Assert.Empty(LedgerLines);
        Assert.Contains(_fleet.Servers[0].HostKeyFingerprint, result.Stdout + result.Stderr, StringComparison.Ordinal);
        Assert.Contains("runbooks hosts trust web-1", result.Stdout + result.Stderr, StringComparison.Ordinal);
    }
}
