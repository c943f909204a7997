using Runbooks.Actions.Service;
using Runbooks.Actions.Tests.TestSupport;
using Runbooks.Core.Actions;

namespace Runbooks.Actions.Tests.Service;

/// <summary>service.* on a real sshd whose systemctl is a fake keeping unit state; the ledger shows what ran.</summary>
public sealed class SystemdServiceActionTests : IClassFixture<SystemdHostFixture>
{
    private const string Probe = "systemctl is-system-running";
    private const string Show = "systemctl show -p LoadState,ActiveState,SubState,MainPID,UnitFileState -- nginx";
    private readonly SystemdHostFixture _host;

    public SystemdServiceActionTests(SystemdHostFixture host)
    {
        _host = host;
        _host.Reset();
    }

    [Fact]
    public async Task Status_ActiveEnabledUnit_ReportsSystemctlShowValues()
    {
        _host.Unit("nginx", "active", "enabled");

        var result = await Run(ServiceVerb.Status);

        Assert.True(result.Succeeded, result.Error);
        Assert.False(result.Changed);
        Assert.Equal(
            [("exists", true), ("active", true), ("activeState", "active"), ("subState", "running"), ("mainPid", 4242L), ("enabled", true), ("manager", "systemd")],
            Outputs(result));
        Assert.Equal([Probe, Show], _host.Calls());
    }

    [Fact]
    public async Task Status_UnknownUnit_SucceedsWithExistsFalse()
    {
        var result = await Run(ServiceVerb.Status);

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(
            [("exists", false), ("active", false), ("activeState", "inactive"), ("subState", "dead"), ("mainPid", 0L), ("enabled", null), ("manager", "systemd")],
            Outputs(result));
    }

    [Fact]
    public async Task Start_ActiveUnit_RunsNoStartAndReportsUnchanged()
    {
        _host.Unit("nginx", "active");

        var result = await Run(ServiceVerb.Start);

        Assert.True(result.Succeeded, result.Error);
        Assert.False(result.Changed);
        Assert.Equal([Probe, Show], _host.Calls());
    }

    [Fact]
    public async Task Start_InactiveUnit_StartsOnceThenVerifiesActive()
    {
        _host.Unit("nginx", "inactive");

        var result = await Run(ServiceVerb.Start);

        Assert.True(result.Succeeded, result.Error);
        Assert.True(result.Changed);
        Assert.Equal(true, result.Outputs["active"]);
        Assert.Equal([Probe, Show, "systemctl start -- nginx", Show], _host.Calls());
    }

    [Fact]
    public async Task Start_UnknownUnit_FailsWithoutRunningStart()
    {
        var result = await Run(ServiceVerb.Start);

        Assert.False(result.Succeeded);
        Assert.Equal("cannot start 'nginx': systemd has no such service on this host; check the name (systemctl list-unit-files)", result.Error);
        Assert.Equal([Probe, Show], _host.Calls());
    }

    [Fact]
    public async Task Start_UnitWhoseStartFails_FailsWithSystemctlErrorAndStatusLines()
    {
        _host.Unit("nginx", "inactive", "enabled", "broken");

        var result = await Run(ServiceVerb.Start);

        Assert.False(result.Succeeded);
        Assert.Equal(
            "'systemctl start -- nginx' failed with exit code 1: Job for nginx.service failed because the control process exited with error code.\n" +
            "See \"systemctl status nginx.service\" and \"journalctl -xeu nginx.service\" for details.\n" +
            "last status lines:\nx nginx.service - fake unit\n     Loaded: loaded (/lib/systemd/system/nginx.service; enabled; preset: enabled)\n" +
            "     Active: failed\nDec 01 10:00:00 h nginx[4242]: bind() to 0.0.0.0:80 failed (98: Address already in use)",
            result.Error);
        Assert.Equal("failed", result.Outputs["activeState"]);
    }

    [Fact]
    public async Task Start_UnitThatFailsRightAfterStarting_FailsWithStatusAndReportsChanged()
    {
        _host.Unit("nginx", "inactive", "enabled", "crashes");

        var result = await Run(ServiceVerb.Start);

        Assert.False(result.Succeeded);
        Assert.True(result.Changed);
        Assert.StartsWith("start of 'nginx' returned success, but the service is failed (failed) instead of active; last status lines:\nx nginx.service - fake unit", result.Error, StringComparison.Ordinal);
        Assert.Equal([Probe, Show, "systemctl start -- nginx", Show, "systemctl status --no-pager --lines=20 -- nginx"], _host.Calls());
    }

    [Fact]
    public async Task Stop_InactiveUnit_RunsNoStop()
    {
        _host.Unit("nginx", "inactive");

        var result = await Run(ServiceVerb.Stop);

        Assert.True(result.Succeeded, result.Error);
        Assert.False(result.Changed);
        Assert.Equal([Probe, Show], _host.Calls());
    }

    [Fact]
    public async Task Stop_ActiveUnit_StopsOnceThenVerifiesInactive()
    {
        _host.Unit("nginx", "active");

        var result = await Run(ServiceVerb.Stop);

        Assert.True(result.Succeeded, result.Error);
        Assert.True(result.Changed);
        Assert.Equal(false, result.Outputs["active"]);
        Assert.Equal([Probe, Show, "systemctl stop -- nginx", Show], _host.Calls());
    }

    [Fact]
    public async Task Restart_ActiveUnit_RestartsAnywayAndReportsChanged()
    {
        _host.Unit("nginx", "active");

        var result = await Run(ServiceVerb.Restart);

        Assert.True(result.Succeeded, result.Error);
        Assert.True(result.Changed);
        Assert.Equal([Probe, Show, "systemctl restart -- nginx", Show], _host.Calls());
    }

    [Fact]
    public async Task Reload_ActiveUnit_ReloadsOnce()
    {
        _host.Unit("nginx", "active");

        var result = await Run(ServiceVerb.Reload);

        Assert.True(result.Succeeded, result.Error);
        Assert.True(result.Changed);
        Assert.Equal([Probe, Show, "systemctl reload -- nginx", Show], _host.Calls());
    }

    [Fact]
    public async Task Reload_InactiveUnit_FailsWithSystemctlsReason()
    {
        _host.Unit("nginx", "inactive");

        var result = await Run(ServiceVerb.Reload);

        Assert.False(result.Succeeded);
        Assert.StartsWith("'systemctl reload -- nginx' failed with exit code 1: Failed to reload nginx.service: Unit nginx.service is not active.\nlast status lines:", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Enable_EnabledUnit_RunsNoEnable()
    {
        _host.Unit("nginx", "active", "enabled");

        var result = await Run(ServiceVerb.Enable);

        Assert.True(result.Succeeded, result.Error);
        Assert.False(result.Changed);
        Assert.Equal([Probe, Show], _host.Calls());
    }

    [Fact]
    public async Task Enable_DisabledUnit_EnablesOnceAndReportsEnabled()
    {
        _host.Unit("nginx", "inactive", "disabled");

        var result = await Run(ServiceVerb.Enable);

        Assert.True(result.Succeeded, result.Error);
        Assert.True(result.Changed);
        Assert.Equal(true, result.Outputs["enabled"]);
        Assert.Equal(false, result.Outputs["active"]);
        Assert.Equal([Probe, Show, "systemctl enable -- nginx", Show], _host.Calls());
    }

    [Fact]
    public async Task Enable_StaticUnit_RunsEnableAndReportsUnchanged()
    {
        _host.Unit("nginx", "inactive", "static");

        var result = await Run(ServiceVerb.Enable);

        Assert.True(result.Succeeded, result.Error);
        Assert.False(result.Changed);
        Assert.Null(result.Outputs["enabled"]);
        Assert.Equal([Probe, Show, "systemctl enable -- nginx", Show], _host.Calls());
    }

    [Fact]
    public async Task Disable_EnabledUnit_DisablesOnce()
    {
        _host.Unit("nginx", "active", "enabled");

        var result = await Run(ServiceVerb.Disable);

        Assert.True(result.Succeeded, result.Error);
        Assert.True(result.Changed);
        Assert.Equal(false, result.Outputs["enabled"]);
        Assert.Equal([Probe, Show, "systemctl disable -- nginx", Show], _host.Calls());
    }

    [Fact]
    public async Task Disable_DisabledUnit_RunsNoDisable()
    {
        _host.Unit("nginx", "active", "disabled");

        var result = await Run(ServiceVerb.Disable);

        Assert.True(result.Succeeded, result.Error);
        Assert.False(result.Changed);
        Assert.Equal([Probe, Show], _host.Calls());
    }

    [Fact]
    public async Task Start_HostileNameThatSkippedValidation_ReachesSystemctlAsOneArgument()
    {
        const string Hostile = "x; touch /tmp/runbooks-pwned $(id) `id` -p";

        var result = await new ServiceAction(ServiceVerb.Start).ExecuteAsync(_host.Context(Contexts.Map(("name", Hostile), ("manager", "auto"))), CancellationToken.None);

        Assert.False(result.Succeeded);
        var show = _host.RawCalls()[1];
        Assert.Equal(["show", "-p", "LoadState,ActiveState,SubState,MainPID,UnitFileState", "--", Hostile], show.Args);
        Assert.Equal(2, _host.RawCalls().Count);
    }

    private Task<ActionResult> Run(ServiceVerb verb, string manager = "auto") =>
        new ServiceAction(verb).ExecuteAsync(_host.Context(Contexts.Map(("name", "nginx"), ("manager", manager), ("verifyTimeout", "2s"))), CancellationToken.None);

    private static List<(string, object?)> Outputs(ActionResult result) =>
        [.. new[] { "exists", "active", "activeState", "subState", "mainPid", "enabled", "manager" }.Select(k => (k, result.Outputs[k]))];
}
