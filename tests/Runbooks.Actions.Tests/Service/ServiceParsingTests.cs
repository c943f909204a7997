using Runbooks.Actions.Service;

namespace Runbooks.Actions.Tests.Service;

/// <summary>systemctl show parsing and the manager decision, on verbatim output.</summary>
public sealed class ServiceParsingTests
{
    // systemctl show -p LoadState,ActiveState,SubState,MainPID,UnitFileState ssh (Debian 12): systemd's order, not ours.
    private const string RunningSsh = "MainPID=612\nLoadState=loaded\nActiveState=active\nSubState=running\nUnitFileState=enabled\n";
    private const string NotFound = "MainPID=0\nLoadState=not-found\nActiveState=inactive\nSubState=dead\nUnitFileState=\n";

    [Fact]
    public void Parse_RunningUnit_ReadsEveryProperty()
    {
        Assert.Equal(new ServiceState(true, true, "active", "running", 612, true, "enabled"), SystemdUnitProperties.Parse(RunningSsh));
    }

    [Fact]
    public void Parse_NotFoundUnit_DoesNotExistAndEnabledIsUnknown()
    {
        Assert.Equal(new ServiceState(false, false, "inactive", "dead", 0, null, ""), SystemdUnitProperties.Parse(NotFound));
    }

    [Fact]
    public void Parse_MaskedUnit_ExistsAndIsNotEnabled()
    {
        var state = SystemdUnitProperties.Parse("MainPID=0\nLoadState=masked\nActiveState=inactive\nSubState=dead\nUnitFileState=masked\n");

        Assert.Equal((true, false), (state.Exists, state.Enabled));
    }

    [Theory]
    [InlineData("systemd=booted\nhave=service\n", "systemd")]
    [InlineData("systemd-state=running\n", "systemd")]
    [InlineData("systemd-state=degraded\nhave=service\n", "systemd")]
    [InlineData("systemd-state=offline\nhave=service\n", "sysv")]
    [InlineData("systemd-state=\nhave=service\n", "sysv")]
    [InlineData("systemctl=absent\nhave=service\nhave=update-rc.d\n", "sysv")]
    public void Choose_ProbeOutput_PicksTheManager(string probe, string expected)
    {
        var (manager, error) = ServiceManagerDetector.Choose(probe, "auto");

        Assert.Null(error);
        Assert.Equal(expected, manager!.Name);
    }

    [Fact]
    public void Choose_SysvHostWithChkconfigOnly_UsesChkconfig()
    {
        var (manager, _) = ServiceManagerDetector.Choose("systemctl=absent\nhave=service\nhave=chkconfig\n", "auto");

        Assert.Equal("chkconfig", ((SysvServiceManager)manager!).EnableTool);
    }

    [Fact]
    public void Choose_NoSystemdAndNoServiceCommand_FailsSayingWhy()
    {
        var (manager, error) = ServiceManagerDetector.Choose("systemd-state=offline\n", "auto");

        Assert.Null(manager);
        Assert.Equal("no service manager found on the target: systemctl is installed but systemd is not running (is-system-running: 'offline'), and there is no 'service' command for SysV init scripts", error);
    }

    [Fact]
    public void Choose_SystemdForcedWithoutSystemctl_Fails()
    {
        var (_, error) = ServiceManagerDetector.Choose("systemctl=absent\nhave=service\n", "systemd");

        Assert.Equal("manager: systemd was asked for, but systemctl is not on the target's PATH", error);
    }
}
