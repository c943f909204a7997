using Runbooks.Cli.Tests.TestSupport;

namespace Runbooks.Cli.Tests.Commands;

/// <summary><c>runbooks run</c> during a change freeze: refused with the freeze named, allowed with an override whose reason is recorded.</summary>
public sealed class RunFreezeTests : IDisposable
{
    // In force for the whole life of this test suite, so that "now" is always inside it.
    private const string Frozen = """
        {
          "Runbooks": {
            "Maintenance": {
              "Freezes": {
                "migration": { "Start": "2000-01-01", "End": "2200-01-01", "Reason": "datacenter migration" }
              }
            }
          },
          "Serilog": {
            "Using": [ "Serilog.Sinks.Console" ],
            "WriteTo": [ { "Name": "Console", "Args": { "standardErrorFromLevel": "Verbose", "outputTemplate": "{Timestamp:HH:mm:ss} {Level:u3} {Message:lj}{NewLine}" } } ]
          }
        }
        """;

    private const string Touch = """
        name: touch
        steps:
          - { id: mark, action: shell, with: { argv: [touch, marker.txt] } }
        """;

    private readonly TempWorkDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Run_DuringAFreeze_IsRefusedNamingTheFreezeAndNothingRuns()
    {
        _dir.Write("appsettings.json", Frozen);
        _dir.Write("touch.yaml", Touch);

        var result = await CliProcess.RunAsync(_dir, "run", "touch.yaml");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal([
            "error: freeze 'migration' is in force until 2200-01-01 00:00:00Z (datacenter migration); nothing ran",
            "  to run anyway, give --override-freeze \"<why>\": the reason is recorded with the run",
        ], result.Timeline);
        Assert.False(File.Exists(_dir["marker.txt"]));
    }

    [Fact]
    public async Task Run_DuringAFreezeWithOverride_RunsAndRecordsTheReasonInTheTrigger()
    {
        _dir.Write("appsettings.json", Frozen);
        _dir.Write("touch.yaml", Touch);

        var result = await CliProcess.RunAsync(_dir, "run", "touch.yaml", "--override-freeze", "INC-42: disk full");
        var runs = await CliProcess.RunAsync(_dir, "runs", "list");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.True(File.Exists(_dir["marker.txt"]));
        Assert.Equal("warning: overriding freeze 'migration' (datacenter migration, until 2200-01-01 00:00:00Z): INC-42: disk full", result.Timeline[0]);
        var trigger = $"cli:{Environment.UserName} overriding freeze migration: INC-42: disk full";
        Assert.Contains(result.Timeline, line => line.EndsWith($"started by {trigger}", StringComparison.Ordinal));
        Assert.True(runs.ExitCode == 0, runs.ToString());
        Assert.EndsWith(trigger, runs.StdoutLines[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_DryRunDuringAFreeze_IsAllowed()
    {
        _dir.Write("appsettings.json", Frozen);
        _dir.Write("touch.yaml", Touch);

        var result = await CliProcess.RunAsync(_dir, "run", "touch.yaml", "--dry-run");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.False(File.Exists(_dir["marker.txt"]));
    }

    [Fact]
    public async Task Run_OverrideWithoutReason_ExitsTwo()
    {
        _dir.Write("appsettings.json", Frozen);
        _dir.Write("touch.yaml", Touch);

        var result = await CliProcess.RunAsync(_dir, "run", "touch.yaml", "--override-freeze", " ");

        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("error: --override-freeze needs a reason", result.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(_dir["marker.txt"]));
    }
}
