using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Runbooks.Cli.Tests.TestSupport;
using Runbooks.Testing.Ssh;

namespace Runbooks.Cli.Tests.Commands;

/// <summary>
/// <c>runbooks run</c> with a step timeout on a real sshd host: the step ends timed out and the remote command is
/// killed (found afterwards by a unique argument; sshd runs on this machine).
/// </summary>
public sealed class RemoteTimeoutTests(SshdFixture sshd) : IClassFixture<SshdFixture>, IDisposable
{
    private readonly TempWorkDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task Run_RemoteStepPastItsTimeout_TimedOutAndTheRemoteProcessKilled()
    {
        // A duration no other process on the machine has: "sleep 30.NNNNNNNN" is this test's remote command.
        var duration = "30." + RandomNumberGenerator.GetInt32(10_000_000, 99_999_999).ToString(CultureInfo.InvariantCulture);
        _dir.Write("inventory.yaml", $$"""
            credentials:
              key: { privateKeyFile: {{sshd.ClientKeyFile}} }
            hosts:
              web: { address: 127.0.0.1, port: {{sshd.Port}}, user: {{Environment.UserName}}, credential: key, hostKeys: ["{{sshd.HostKeyFingerprint}}"] }
            """);
        var file = _dir.Write("slow.yaml", $$"""
            name: slow
            targets: { hosts: [web] }
            steps:
              - id: wait
                action: shell
                timeout: 1s
                with: { argv: [sleep, "{{duration}}"] }
            """);

        var result = await CliProcess.RunAsync(_dir, "run", file, "--output", "json");

        Assert.True(result.ExitCode == 1, result.ToString());
        using var json = JsonDocument.Parse(result.Stdout);
        var step = json.RootElement.GetProperty("steps")[0];
        Assert.Equal("timedOut", step.GetProperty("status").GetString());
        Assert.Equal("timed out after 1s; the command was stopped", step.GetProperty("error").GetString());
        // The kill (TERM to the process group, KILL a second later) has finished before the step ended.
        Assert.Empty(ProcessTable.WithArgument("sleep " + duration));
    }
}
