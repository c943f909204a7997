using Runbooks.Cli.Tests.TestSupport;
using static Runbooks.Cli.Tests.TestSupport.LinePattern;

namespace Runbooks.Cli.Tests.Commands;

public sealed class RunCommandCancellationTests : IDisposable
{
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(5);

    private readonly TempWorkDir _dir = new();

    // A sleep with a unique duration, so `ps` finds exactly this test's process.
    private readonly string _sleep = $"30.{Random.Shared.Next(100_000, 999_999)}";

    public void Dispose()
    {
        foreach (var (pid, _) in ProcessTable.WithArgument(_sleep))
        {
            ProcessTable.Signal(pid, "KILL");
        }
        _dir.Dispose();
    }

    [Theory]
    [InlineData("INT")]
    [InlineData("TERM")]
    public async Task Run_Signal_StopsTheStepRunsFinallyAndExits130(string signal)
    {
        Assert.False(signal == "INT" && ProcessTable.IgnoresSigint(),
            "this test process ignores SIGINT (a shell started it in the background without job control), so the CLI would too; run dotnet test from a terminal or after 'set -m'");
        _dir.Write("nap.yaml", $$"""
            name: nap
            steps:
              - id: nap
                action: shell
                with: { argv: [sleep, "{{_sleep}}"] }
              - id: later
                action: log
                with: { message: never }
            finally:
              - id: mark
                action: shell
                with: { argv: [touch, finally-ran.txt] }
            """);
        using var cli = CliProcess.Start(_dir, new Dictionary<string, string?>(), "run", "nap.yaml");
        await cli.WaitForStderrAsync($"nap started (attempt 1/1): run: sleep {_sleep}", TimeSpan.FromSeconds(20));
        await ProcessTable.WaitUntilPresentAsync(_sleep, TimeSpan.FromSeconds(5));

        cli.Signal(signal);
        var result = await cli.WaitForExitAsync(Quickly);

        Assert.True(result.ExitCode == 130, result.ToString());
        AssertLines(result.StdoutLines,
            "",
            "Run <id> of nap: cancelled in <dur>",
            "  STEP          ACTION  STATUS     TRIES  DURATION  DETAIL",
            "  nap           shell   cancelled  1      <dur>cancelled",
            "  later         log     cancelled  0      <dur>the run was cancelled",
            "  finally/mark  shell   succeeded  1      <dur>exit 0",
            "Error: cancelled");
        AssertContainsInOrder(result.Timeline,
            "Cancelling the run (press Ctrl+C again to quit at once)…",
            "WRN nap cancelled on attempt 1/1: cancelled",
            "INF later skipped: the run was cancelled",
            "INF finally/mark started (attempt 1/1): run: touch finally-ran.txt",
            $"INF Run <id> of nap cancelled in <n> ms, started by cli:{Environment.UserName}: cancelled");
        Assert.True(File.Exists(_dir["finally-ran.txt"]), "finally runs after a cancel");
        Assert.Empty(await ProcessTable.WaitUntilGoneAsync(_sleep, TimeSpan.FromSeconds(3)));
    }

    [Fact]
    public async Task Run_SecondSignal_QuitsAtOnceWhileFinallyRuns()
    {
        _dir.Write("slow-finally.yaml", $$"""
            name: slow-finally
            steps:
              - id: nap
                action: shell
                with: { argv: [sleep, "{{_sleep}}"] }
            finally:
              - id: slow_cleanup
                action: shell
                with: { argv: [sleep, "{{_sleep}}1"] }
            """);
        using var cli = CliProcess.Start(_dir, new Dictionary<string, string?>(), "run", "slow-finally.yaml");
        await cli.WaitForStderrAsync("nap started", TimeSpan.FromSeconds(20));
        cli.Signal("TERM");
        await cli.WaitForStderrAsync("finally/slow_cleanup started", Quickly);

        cli.Signal("TERM");
        var result = await cli.WaitForExitAsync(Quickly);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Equal("", result.Stdout);
    }
}
