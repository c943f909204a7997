using Runbooks.Cli.Tests.TestSupport;

namespace Runbooks.Cli.Tests.Durability;

/// <summary>The CLI takes its host-lock settings from <c>Runbooks:Locks</c> (docs/locks.md), and refuses bad ones before any step.</summary>
public sealed class LockSettingsTests : IDisposable
{
    private readonly TempWorkDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Run_LeaseTtlBelowOneSecond_IsRefusedBeforeAnyStepRuns()
    {
        var runbook = _dir.Write("touch.yaml", "name: touch\nsteps:\n  - id: touch\n    action: shell\n    with: { argv: [touch, ran.txt] }\n");

        var result = await CliProcess.RunAsync(_dir, new Dictionary<string, string?> { ["Runbooks__Locks__LeaseTtl"] = "00:00:00.5" }, "run", runbook);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Equal("error: the lock settings are not valid: Runbooks:Locks:LeaseTtl is 00:00:00.5000000; use 00:00:01 to 01:00:00 " +
            "(a dead worker holds its hosts this long); nothing ran\n", result.Stderr);
        Assert.False(File.Exists(_dir["ran.txt"]));
    }
}
