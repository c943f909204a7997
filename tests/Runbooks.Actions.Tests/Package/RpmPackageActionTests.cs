using Runbooks.Actions.Package;
using Runbooks.Actions.Tests.TestSupport;
using Runbooks.Core.Actions;

namespace Runbooks.Actions.Tests.Package;

/// <summary>package.* with dnf, yum and zypper forced (this machine is Debian) on a real sshd with fakes.</summary>
public sealed class RpmPackageActionTests : IClassFixture<PackageHostFixture>
{
    private const string LongName = "python3-setuptools-wheel-and-more-stuff";
    private readonly PackageHostFixture _host;

    public RpmPackageActionTests(PackageHostFixture host)
    {
        _host = host;
        _host.Reset();
        _host.Package("kernel", "6.7.3-200.fc39", "6.7.4-200.fc39", "fedora-security");
        _host.Package(LongName, "67.7.2-7.fc39", "67.7.2-8.fc39");
        _host.Package("jq", "1.6-16.fc39");
    }

    private static string Rpm(params string[] names) => $"rpm -q --qf {RpmQuery.Format} -- {string.Join(' ', names)}";

    [Fact]
    public async Task Check_Dnf_ListsUpdatesWithInstalledVersionsAndAdvisories()
    {
        _host.Write("reboot", "");

        var result = await Run(new PackageCheckAction(), ("manager", "dnf"));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(
            [AptPackageActionTests.Update("kernel", "6.7.3-200.fc39", "6.7.4-200.fc39", true), AptPackageActionTests.Update(LongName, "67.7.2-7.fc39", "67.7.2-8.fc39", false)],
            (IEnumerable<object?>)result.Outputs["upgradable"]!);
        Assert.Equal((2L, 1L, (object?)true), ((long)result.Outputs["count"]!, (long)result.Outputs["securityCount"]!, result.Outputs["rebootRequired"]));
        Assert.Equal(["dnf -q makecache", "dnf -q check-update", "dnf -q updateinfo list --security", Rpm("kernel", LongName), "needs-restarting -r"], _host.Calls());
    }

    [Fact]
    public async Task Update_DnfSecurityOnlyRebootRequired_UpgradesSecurityThenCallsHostReboot()
    {
        _host.Write("reboot", "");
        var engine = new FakeActionHost { Executor = _host.Executor };
        engine.ProbeResults.Enqueue(ActionResult.Success(new Dictionary<string, object?>(), changed: true));

        var result = await Run(new PackageUpdateAction(), engine, ("manager", "dnf"), ("refresh", false), ("securityOnly", true), ("rebootIfRequired", true));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal([AptPackageActionTests.Updated("kernel", "6.7.3-200.fc39", "6.7.4-200.fc39")], (IEnumerable<object?>)result.Outputs["updated"]!);
        Assert.Equal(true, result.Outputs["rebooted"]);
        Assert.Equal(("host.reboot", "10m"), (engine.ActionCalls.Single().Action, engine.ActionCalls.Single().Inputs["timeout"]));
        Assert.Equal(
            ["dnf -q check-update", "dnf -q updateinfo list --security", Rpm("kernel", LongName), "dnf -y upgrade --security", Rpm("kernel", LongName), "needs-restarting -r"],
            _host.Calls());
    }

    [Fact]
    public async Task Update_YumNamedPackage_UpgradesOnlyThatPackage()
    {
        var result = await Run(new PackageUpdateAction(), ("manager", "yum"), ("packages", Contexts.List(LongName)));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal([AptPackageActionTests.Updated(LongName, "67.7.2-7.fc39", "67.7.2-8.fc39")], (IEnumerable<object?>)result.Outputs["updated"]!);
        Assert.Equal($"yum -y upgrade -- {LongName}", _host.Calls()[4]);
        Assert.Equal("6.7.3-200.fc39", _host.Read("pkg/kernel/installed"));
    }

    [Fact]
    public async Task Install_DnfInstalledAndMissing_InstallsOnlyTheMissingOne()
    {
        _host.Package("nginx", null, "1:1.24.0-1.fc39");

        var result = await Run(new PackageChangeAction(install: true), ("manager", "dnf"), ("packages", Contexts.List("jq", "nginx")));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(new Dictionary<string, object?> { ["jq"] = "1.6-16.fc39", ["nginx"] = "1:1.24.0-1.fc39" }, (IDictionary<string, object?>)result.Outputs["versions"]!);
        Assert.Equal([Rpm("jq", "nginx"), "dnf -y install -- nginx", Rpm("jq", "nginx")], _host.Calls());
    }

    [Fact]
    public async Task Remove_DnfInstalled_RemovesIt()
    {
        var result = await Run(new PackageChangeAction(install: false), ("manager", "dnf"), ("packages", Contexts.List("jq")));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal([Rpm("jq"), "dnf -y remove -- jq", Rpm("jq")], _host.Calls());
    }

    [Fact]
    public async Task Check_Zypper_ListsPackagesAndNeededSecurityPatches()
    {
        var result = await Run(new PackageCheckAction(), ("manager", "zypper"));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal(
        [
            AptPackageActionTests.Update("kernel", "6.7.3-200.fc39", "6.7.4-200.fc39", false),
            AptPackageActionTests.Update(LongName, "67.7.2-7.fc39", "67.7.2-8.fc39", false),
            AptPackageActionTests.Update("patch:openSUSE-SLE-15.5-2024-kernel", null, "1", true),
        ], (IEnumerable<object?>)result.Outputs["upgradable"]!);
        Assert.Equal((1L, (object?)false), ((long)result.Outputs["securityCount"]!, result.Outputs["rebootRequired"]));
        Assert.Equal(
            ["zypper --non-interactive refresh", "zypper --non-interactive --xmlout list-updates", "zypper --non-interactive --xmlout list-patches --category security", "zypper needs-rebooting"],
            _host.Calls());
    }

    [Fact]
    public async Task Update_ZypperSecurityOnlyExit102_PatchesAndTakesTheRebootFromTheExitCode()
    {
        _host.Write("zypper-reboot", "");

        var result = await Run(new PackageUpdateAction(), ("manager", "zypper"), ("refresh", false), ("securityOnly", true));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal([AptPackageActionTests.Updated("kernel", "6.7.3-200.fc39", "6.7.4-200.fc39")], (IEnumerable<object?>)result.Outputs["updated"]!);
        Assert.Equal(true, result.Outputs["rebootRequired"]);
        Assert.Equal(
        [
            "zypper --non-interactive --xmlout list-updates", "zypper --non-interactive --xmlout list-patches --category security",
            "zypper --non-interactive patch --auto-agree-with-licenses --category security", Rpm("kernel", LongName),
        ], _host.Calls());
    }

    [Fact]
    public async Task Update_ZypperSecurityOnlyWithPackages_FailsBeforeRunningAnything()
    {
        var result = await Run(new PackageUpdateAction(), ("manager", "zypper"), ("securityOnly", true), ("packages", Contexts.List("kernel")));

        Assert.False(result.Succeeded);
        Assert.Equal("zypper applies security fixes as patches, not per package: use securityOnly without packages (zypper patch --category security), or packages without securityOnly", result.Error);
        Assert.Empty(_host.Calls());
    }

    [Fact]
    public async Task Install_ZypperMissing_RunsZypperInstall()
    {
        _host.Package("nginx", null, "1.21.5-150500.3.3.1");

        var result = await Run(new PackageChangeAction(install: true), ("manager", "zypper"), ("packages", Contexts.List("nginx")));

        Assert.True(result.Succeeded, result.Error);
        Assert.Equal([Rpm("nginx"), "zypper --non-interactive install --auto-agree-with-licenses -- nginx", Rpm("nginx")], _host.Calls());
    }

    private Task<ActionResult> Run(IRunbookAction action, params (string, object?)[] inputs) => Run(action, null, inputs);

    private Task<ActionResult> Run(IRunbookAction action, FakeActionHost? engine, params (string, object?)[] inputs) =>
        action.ExecuteAsync(_host.Context(Contexts.Map(inputs), engine), CancellationToken.None);
}
