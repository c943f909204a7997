using System.Globalization;
using Runbooks.Actions.Reboot;
using Runbooks.Actions.Tests.TestSupport;
using Runbooks.Core.Actions;
using Runbooks.Core.Execution;
using Runbooks.Core.Inventory;
using Runbooks.Testing.Ssh;
using Runbooks.Transports.Ssh;

namespace Runbooks.Actions.Tests.Reboot;

/// <summary>
/// host.reboot against a real sshd that runs in its own mount namespace with a stand-in boot id: the fake
/// <c>reboot</c> records itself in the ledger, may write a new boot id, and kills the sessions (the connection drops
/// as a rebooting host's does) while sshd keeps listening, like a host that came back.
/// </summary>
public sealed class HostRebootActionTests : IDisposable
{
    private const string OldBootId = "0b7e3a52-8d1c-4c55-9d0e-5a1f1e7c2b10";

    private readonly FakeCommands _fakes = new("web");
    private readonly string _bootIdFile;
    private readonly SshdFixture _sshd;
    private readonly SshExecutorFactory _factory;

    public HostRebootActionTests()
    {
        _bootIdFile = Path.Combine(_fakes.Directory, "boot_id");
        File.WriteAllText(_bootIdFile, OldBootId + "\n");
        _sshd = SshdFixture.Start(new SshdOptions { Environment = _fakes.Environment, BootIdFile = _bootIdFile });
        _factory = new SshExecutorFactory(new InventoryDefinition { Hosts = [_sshd.Host("web", [_sshd.HostKeyFingerprint])], Groups = [], SourcePath = "inventory.yaml" });
    }

    public void Dispose()
    {
        _factory.Dispose();
        _sshd.Dispose();
        _fakes.Dispose();
    }

    private ITargetExecutor Executor => _factory.For(new TargetInfo("web", "ssh", "127.0.0.1", new Dictionary<string, string>()));

    /// <summary>Kills every session of this sshd (its listener's children), as a host going down does.</summary>
    private string DropSessions => $"kill -KILL $(pgrep -P \"$(cat {_sshd.PidFile})\")";

    [Fact]
    public async Task ExecuteAsync_HostReboots_ReportsTheNewBootIdAfterReconnecting()
    {
        _fakes.Add("reboot", $"cat /proc/sys/kernel/random/uuid > {_bootIdFile}; {DropSessions}; sleep 5");
        var context = Contexts.Create(Contexts.Map(("pollInterval", "100ms"), ("timeout", "30s")), executor: Executor);

        var result = await new HostRebootAction().ExecuteAsync(context, CancellationToken.None);

        Assert.True(result.Succeeded, result.Error);
        var after = File.ReadAllText(_bootIdFile).Trim();
        Assert.NotEqual(OldBootId, after);
        Assert.Equal((true, OldBootId, after), ((bool)result.Outputs["rebooted"]!, result.Outputs["bootIdBefore"], result.Outputs["bootIdAfter"]));
        Assert.IsType<double>(result.Outputs["downSeconds"]);
        Assert.True(result.Changed);
        Assert.Equal(["reboot"], _fakes.Calls().Select(c => c.Line));
        Assert.Equal(2, ((SshExecutor)Executor).Connections); // the first dropped with the reboot; the second saw the new id
    }

    [Fact]
    public async Task ExecuteAsync_HostNeverComesBack_FailsSayingWhenItWentDown()
    {
        // The listener dies too (after its sessions, which outlive it otherwise): nothing answers again.
        _fakes.Add("reboot", $"{DropSessions}; kill -KILL \"$(cat {_sshd.PidFile})\"; sleep 5");
        var context = Contexts.Create(Contexts.Map(("pollInterval", "200ms"), ("timeout", "2s"), ("connectTimeout", "1s")), executor: Executor);

        var result = await new HostRebootAction().ExecuteAsync(context, CancellationToken.None);

        Assert.False(result.Succeeded);
        var port = _sshd.Port.ToString(CultureInfo.InvariantCulture);
        Assert.Matches(
            "^host 'web' did not come back within 2s: the reboot was sent at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ, it stopped answering at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ; " +
            $"last attempt: cannot connect to host 'web' \\(127\\.0\\.0\\.1:{port}\\): .+; check the host's console$",
            result.Error);
        Assert.Equal((false, OldBootId), ((bool)result.Outputs["rebooted"]!, result.Outputs["bootIdBefore"]));
        Assert.True(result.Changed); // a reboot was sent
        Assert.Equal(["reboot"], _fakes.Calls().Select(c => c.Line));
    }

    [Fact]
    public async Task ExecuteAsync_RebootCommandFails_FailsAtOnceWithItsError()
    {
        _fakes.Add("reboot", "echo 'Failed to set wall message, ignoring: Interactive authentication required.' >&2; exit 1");
        var context = Contexts.Create(Contexts.Map(), executor: Executor);

        var result = await new HostRebootAction().ExecuteAsync(context, CancellationToken.None);

        Assert.Equal(
            "'reboot' on host 'web' failed with exit code 1: Failed to set wall message, ignoring: Interactive authentication required.; the host was not rebooted (does the user need sudo: true?)",
            result.Error);
        Assert.False(result.Changed);
        Assert.Equal(1, ((SshExecutor)Executor).Connections);
    }

    [Fact]
    public async Task ExecuteAsync_LocalTarget_RefusedWithoutRunningAnything()
    {
        var result = await new HostRebootAction().ExecuteAsync(Contexts.Create(Contexts.Map()), CancellationToken.None);

        Assert.Equal("host.reboot cannot run on the local target: Runbooks would reboot the machine it runs on and could not wait for it; target an inventory host", result.Error);
        Assert.Empty(_fakes.Calls());
    }

    [Fact]
    public void Describe_Defaults_SaysWhatItSendsAndHowLongItWaits()
    {
        var text = new HostRebootAction().Describe(new ActionInputs(Contexts.Map()));

        Assert.Equal("reboot the host (systemctl reboot under systemd, else reboot), then reconnect every 5s until its boot id changes, for up to 10m", text);
    }
}
