using Runbooks.Actions.Package;
using Runbooks.Actions.Tests.TestSupport;
using Runbooks.Core.Actions;

namespace Runbooks.Actions.Tests.Package;

/// <summary>package.* with apt (detected from this Debian machine's /etc/os-release) on a real sshd with fake apt-get and dpkg-query.</summary>
public sealed class AptPackageActionTests : IClassFixture<PackageHostFixture>
{
    private const string Refresh = "apt-get -q -o DPkg::Lock::Timeout=120 update";
    private const string Simulate = "apt-get -s -q upgrade";
    private const string Change = "apt-get -y -q -o DPkg::Lock::Timeout=120 -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold";
    private const string Query = @"dpkg-query -W -f=${Package}\t${Version}\t${db:Status-Abbrev}\n --";
    private readonly PackageHostFixture _host;

    public AptPackageActionTests(PackageHostFixture host)
    {
        _host = host;
        _host.Reset();
        _host.Package("curl", "7.88.1-10", "7.88.1-10+deb12u5", "Debian:12.5/stable");
        _host.Package("openssl", "3.0.11-1~deb12u1", "3.0.11-1~deb12u2", "Debian-Security:12/stable-security");
        _host.Package("jq", "1.6-2.1");
    }

    [Fact]
    public async Task Check_Defaults_RefreshesThenListsUpdatesWithSecurityFromTheSuite()
    {
        var result = await Run(new PackageCheckAction());

        Assert.True(result.Succeeded, result.Error);
        Assert.False(result.Changed);
        Assert.Equal("apt", result.Outputs["manager"]);
        Assert.Equal(
            [Update("curl", "7.88.1-10", "7.88.1-10+deb12u5", false), Update("openssl", "3.0.11-1~deb12u1", "3.0.11-1~deb12u2", true)],
            (IEnumerable<object?>)result.Outputs["upgradable"]!);
        Assert.Equal((2L, 1L, (object?)false), ((long)result.Outputs["count"]!, (long)result.Outputs["securityCount"]!, result.Outputs["rebootRequired"]));
        Assert.Equal([Refresh, Simulate], _host.Calls());
    }

    [Fact]
    public async Task Check_RebootFlagFileExists_ReportsRebootRequiredWithoutRefreshing()
    {
        File.WriteAllText(Path.Combine(_host.RunDirectory, "reboot-required"), "*** System restart required ***\n");

        var result = await Run(new PackageCheckAction(), ("refresh", false), ("securityOnly", true));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(true, result.Outputs["rebootRequired"]);
        Assert.Equal([Update("openssl", "3.0.11-1~deb12u1", "3.0.11-1~deb12u2", true)], (IEnumerable<object?>)result.Outputs["upgradable"]!);
        Assert.Equal([Simulate], _host.Calls());
    }

    [Fact]
    public async Task Update_SecurityOnly_InstallsOnlyTheSecuritySubsetWithOnlyUpgrade()
    {
        var result = await Run(new PackageUpdateAction(), ("securityOnly", true));

        Assert.True(result.Succeeded, result.Error);
        Assert.True(result.Changed);
        Assert.Equal([Updated("openssl", "3.0.11-1~deb12u1", "3.0.11-1~deb12u2")], (IEnumerable<object?>)result.Outputs["updated"]!);
        Assert.Equal([Refresh, Simulate, $"{Change} install --only-upgrade -- openssl", $"{Query} curl openssl"], _host.Calls());
        Assert.Equal("7.88.1-10", _host.Read("pkg/curl/installed"));
    }

    [Fact]
    public async Task Update_All_RunsUpgradeAndReportsEveryPackageItChanged()
    {
        var result = await Run(new PackageUpdateAction(), ("refresh", false));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(
            [Updated("curl", "7.88.1-10", "7.88.1-10+deb12u5"), Updated("openssl", "3.0.11-1~deb12u1", "3.0.11-1~deb12u2")],
            (IEnumerable<object?>)result.Outputs["updated"]!);
        Assert.Equal([Simulate, $"{Change} upgrade", $"{Query} curl openssl"], _host.Calls());
        Assert.Equal((false, (object?)false), ((bool)result.Outputs["rebooted"]!, result.Outputs["rebootRequired"]));
    }

    [Fact]
    public async Task Update_NamedPackageWithNoUpdate_RunsNoUpgrade()
    {
        var result = await Run(new PackageUpdateAction(), ("refresh", false), ("packages", Contexts.List("jq")));

        Assert.True(result.Succeeded, result.Error);
        Assert.False(result.Changed);
        Assert.Equal([Simulate], _host.Calls());
    }

    [Fact]
    public async Task Update_RebootRequiredAndAsked_CallsHostRebootOnceWithTheTimeout()
    {
        File.WriteAllText(Path.Combine(_host.RunDirectory, "reboot-required"), "");
        var engine = new FakeActionHost { Executor = _host.Executor };
        engine.ProbeResults.Enqueue(ActionResult.Success(new Dictionary<string, object?>(), changed: true));

        var result = await Run(new PackageUpdateAction(), engine, ("refresh", false), ("securityOnly", true), ("rebootIfRequired", true), ("rebootTimeout", "15m"));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal((true, (object?)true), ((bool)result.Outputs["rebooted"]!, result.Outputs["rebootRequired"]));
        var call = Assert.Single(engine.ActionCalls);
        Assert.Equal("host.reboot", call.Action);
        Assert.Equal([new KeyValuePair<string, object?>("timeout", "15m")], call.Inputs);
    }

    [Fact]
    public async Task Update_RebootRequiredButNotAsked_DoesNotReboot()
    {
        File.WriteAllText(Path.Combine(_host.RunDirectory, "reboot-required"), "");
        var engine = new FakeActionHost { Executor = _host.Executor };

        var result = await Run(new PackageUpdateAction(), engine, ("refresh", false));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal((false, (object?)true), ((bool)result.Outputs["rebooted"]!, result.Outputs["rebootRequired"]));
        Assert.Empty(engine.ActionCalls);
    }

    [Fact]
    public async Task Update_UpgradeFailsPartWay_FailsAndReportsWhatWasUpgraded()
    {
        _host.Write("fail-upgrade", "");

        var result = await Run(new PackageUpdateAction(), ("refresh", false));

        Assert.False(result.Succeeded);
        Assert.True(result.Changed);
        Assert.Equal($"'{Change} upgrade' failed with exit code 100; last lines:\nE: Sub-process /usr/bin/dpkg returned an error code (1)\n1 package(s) were upgraded before it stopped (see updated)",
            result.Error!.Replace("'Dpkg::Options::=--force-confdef'", "Dpkg::Options::=--force-confdef", StringComparison.Ordinal).Replace("'Dpkg::Options::=--force-confold'", "Dpkg::Options::=--force-confold", StringComparison.Ordinal).Replace("'DPkg::Lock::Timeout=120'", "DPkg::Lock::Timeout=120", StringComparison.Ordinal));
        Assert.Equal([Updated("curl", "7.88.1-10", "7.88.1-10+deb12u5")], (IEnumerable<object?>)result.Outputs["updated"]!);
    }

    [Fact]
    public async Task Install_AllInstalled_RunsNoInstallAndReportsVersions()
    {
        var result = await Run(new PackageChangeAction(install: true), ("packages", Contexts.List("jq", "curl")));

        Assert.True(result.Succeeded, result.Error);
        Assert.False(result.Changed);
        Assert.Empty((IEnumerable<object?>)result.Outputs["installed"]!);
        Assert.Equal(new Dictionary<string, object?> { ["jq"] = "1.6-2.1", ["curl"] = "7.88.1-10" }, (IDictionary<string, object?>)result.Outputs["versions"]!);
        Assert.Equal([$"{Query} jq curl"], _host.Calls());
    }

    [Fact]
    public async Task Install_OneMissing_InstallsOnlyThatOne()
    {
        _host.Package("nginx", null, "1.22.1-9");

        var result = await Run(new PackageChangeAction(install: true), ("packages", Contexts.List("jq", "nginx")));

        Assert.True(result.Succeeded, result.Error);
        Assert.True(result.Changed);
        Assert.Equal(["nginx"], (IEnumerable<object?>)result.Outputs["installed"]!);
        Assert.Equal([$"{Query} jq nginx", $"{Change} install -- nginx", $"{Query} jq nginx"], _host.Calls());
    }

    [Fact]
    public async Task Install_VersionOtherThanInstalled_InstallsThatVersion()
    {
        var result = await Run(new PackageChangeAction(install: true), ("packages", Contexts.List("curl=7.88.1-10+deb12u5")));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(new Dictionary<string, object?> { ["curl=7.88.1-10+deb12u5"] = "7.88.1-10+deb12u5" }, (IDictionary<string, object?>)result.Outputs["versions"]!);
        Assert.Equal([$"{Query} curl", $"{Change} install -- curl=7.88.1-10+deb12u5", $"{Query} curl"], _host.Calls());
    }

    [Fact]
    public async Task Install_UnknownPackage_FailsWithAptsError()
    {
        var result = await Run(new PackageChangeAction(install: true), ("packages", Contexts.List("no-such-tool")));

        Assert.False(result.Succeeded);
        Assert.EndsWith("failed with exit code 100; last lines:\nE: Unable to locate package no-such-tool; still not installed: no-such-tool", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remove_InstalledAndAbsent_RemovesOnlyTheInstalledOne()
    {
        var result = await Run(new PackageChangeAction(install: false), ("packages", Contexts.List("jq", "nginx")));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(["jq"], (IEnumerable<object?>)result.Outputs["removed"]!);
        Assert.Equal([$"{Query} jq nginx", $"{Change} remove -- jq", $"{Query} jq nginx"], _host.Calls());
    }

    [Fact]
    public async Task Remove_NothingInstalled_RunsNoRemove()
    {
        var result = await Run(new PackageChangeAction(install: false), ("packages", Contexts.List("nginx")));

        Assert.True(result.Succeeded, result.Error);
        Assert.False(result.Changed);
        Assert.Equal([$"{Query} nginx"], _host.Calls());
    }

    private Task<ActionResult> Run(IRunbookAction action, params (string, object?)[] inputs) => Run(action, null, inputs);

    private Task<ActionResult> Run(IRunbookAction action, FakeActionHost? engine, params (string, object?)[] inputs) =>
        action.ExecuteAsync(_host.Context(Contexts.Map(inputs), engine), CancellationToken.None);

    internal static Dictionary<string, object?> Update(string name, string? current, string available, bool security) =>
        new() { ["name"] = name, ["currentVersion"] = current, ["availableVersion"] = available, ["security"] = security };

    internal static Dictionary<string, object?> Updated(string name, string? from, string to) =>
        new() { ["name"] = name, ["fromVersion"] = from, ["toVersion"] = to };
}
