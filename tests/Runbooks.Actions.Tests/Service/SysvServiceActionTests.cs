using Runbooks.Testing.Fakes;
using Runbooks.Actions.Service;
using Runbooks.Actions.Tests.TestSupport;
using Runbooks.Core.Actions;

namespace Runbooks.Actions.Tests.Service;

/// <summary>service.* falling back to SysV init on a real sshd where systemd is not running.</summary>
public sealed class SysvServiceActionTests : IClassFixture<SysvHostFixture>
{
    private const string Probe = "systemctl is-system-running";
    private const string Status = "service nginx status";
    private readonly SysvHostFixture _host;

    public SysvServiceActionTests(SysvHostFixture host)
    {
        _host = host;
        _host.Reset();
    }

    [Fact]
    public async Task Status_SystemdOffline_UsesServiceStatusAndReadsThePid()
    {
        _host.Script("nginx", "active");

        var result = await Run(ServiceVerb.Status);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(
            [("exists", true), ("active", true), ("activeState", "active"), ("subState", "running"), ("mainPid", 777L), ("enabled", null), ("manager", "sysv")],
            Outputs(result));
        Assert.Equal([Probe, Status], _host.Calls());
    }

    [Fact]
    public async Task Status_UnrecognizedService_SucceedsWithExistsFalse()
    {
        var result = await Run(ServiceVerb.Status);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(false, result.Outputs["exists"]);
        Assert.Equal("sysv", result.Outputs["manager"]);
    }

    [Fact]
    public async Task Start_RunningService_RunsNoStart()
    {
        _host.Script("nginx", "active");

        var result = await Run(ServiceVerb.Start);

        Assert.True(result.Succeeded, result.Error);
        Assert.False(result.Changed);
        Assert.Equal([Probe, Status], _host.Calls());
    }

    [Fact]
    public async Task Start_StoppedService_RunsServiceStartThenChecksStatus()
    {
        _host.Script("nginx", "inactive");

        var result = await Run(ServiceVerb.Start);

        Assert.True(result.Succeeded, result.Error);
        Assert.True(result.Changed);
        Assert.Equal([Probe, Status, "service nginx start", Status], _host.Calls());
    }

    [Fact]
    public async Task Restart_ScriptThatFails_FailsWithItsOutputAndStatus()
    {
        _host.Script("nginx", "inactive", "disabled", "broken");

        var result = await Run(ServiceVerb.Restart);

        Assert.False(result.Succeeded);
        Assert.Equal(
            "'service nginx restart' failed with exit code 1: nginx: bind() failed: Address already in use\nStarting nginx: failed!\nlast status lines:\nnginx is not running.",
            result.Error);
    }

    [Fact]
    public async Task Stop_RunningService_RunsServiceStopOnce()
    {
        _host.Script("nginx", "active");

        var result = await Run(ServiceVerb.Stop);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal([Probe, Status, "service nginx stop", Status], _host.Calls());
    }

    [Fact]
    public async Task Enable_WithUpdateRcD_RunsUpdateRcDEnableAndReportsChanged()
    {
        _host.Fakes.Add("update-rc.d", ServiceFakes.UpdateRcD);
        _host.Script("nginx", "inactive");

        var result = await Run(ServiceVerb.Enable);

        Assert.True(result.Succeeded, result.Error);
        // update-rc.d cannot be asked whether a script is enabled: enabled stays unknown and the step counts as a change.
        Assert.True(result.Changed);
        Assert.Null(result.Outputs["enabled"]);
        Assert.Equal([Probe, Status, "update-rc.d nginx enable", Status], _host.Calls());
        Assert.Equal("enabled", _host.Read("units/nginx/enabled"));
    }

    [Fact]
    public async Task Enable_WithChkconfigAndAlreadyEnabled_RunsNoChange()
    {
        _host.Fakes.Add("chkconfig", ServiceFakes.Chkconfig);
        _host.Script("nginx", "active", "enabled");

        var result = await Run(ServiceVerb.Enable);

        Assert.True(result.Succeeded, result.Error);
        Assert.False(result.Changed);
        Assert.Equal([Probe, Status, "chkconfig nginx"], _host.Calls());
    }

    [Fact]
    public async Task Disable_WithChkconfig_RunsChkconfigOff()
    {
        _host.Fakes.Add("chkconfig", ServiceFakes.Chkconfig);
        _host.Script("nginx", "active", "enabled");

        var result = await Run(ServiceVerb.Disable);

        Assert.True(result.Succeeded, result.Error);
        Assert.True(result.Changed);
        Assert.Equal(false, result.Outputs["enabled"]);
        Assert.Equal([Probe, Status, "chkconfig nginx", "chkconfig nginx off", Status, "chkconfig nginx"], _host.Calls());
    }

    [Fact]
    public async Task Enable_NeitherUpdateRcDNorChkconfig_FailsSayingWhy()
    {
        _host.Script("nginx", "inactive");

        var result = await Run(ServiceVerb.Enable);

        Assert.False(result.Succeeded);
        Assert.Equal(
            "this host has no systemd and neither update-rc.d nor chkconfig is on its PATH, so Runbooks cannot enable 'nginx' at boot; install one (sysv-rc or chkconfig) or manage the init links by hand",
            result.Error);
        Assert.Equal([Probe, Status], _host.Calls());
    }

    [Fact]
    public async Task Status_ManagerSystemdForced_UsesSystemctlEvenWhenOffline()
    {
        var result = await Run(ServiceVerb.Status, "systemd");

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal("systemd", result.Outputs["manager"]);
        Assert.Equal(["systemctl show -p LoadState,ActiveState,SubState,MainPID,UnitFileState -- nginx"], _host.Calls().Skip(1));
    }

    private Task<ActionResult> Run(ServiceVerb verb, string manager = "auto") =>
        new ServiceAction(verb).ExecuteAsync(_host.Context(Contexts.Map(("name", "nginx"), ("manager", manager), ("verifyTimeout", "2s"))), CancellationToken.None);

    private static List<(string, object?)> Outputs(ActionResult result) =>
        [.. new[] { "exists", "active", "activeState", "subState", "mainPid", "enabled", "manager" }.Select(k => (k, result.Outputs[k]))];
}
