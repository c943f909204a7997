using Runbooks.Actions.Package;

namespace Runbooks.Actions.Tests.Package;

/// <summary>The package-manager output parsers, on verbatim samples of real output.</summary>
public sealed class PackageParsingTests
{
    // apt-get -s -q upgrade on Debian 12 (this machine), including the two-origin and trailing "[]" forms.
    private const string DebianSimulation = """
        Reading package lists...
        Building dependency tree...
        Reading state information...
        Calculating upgrade...
        The following packages will be upgraded:
          base-files libgcrypt20 liblzma-dev
        3 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.
        Inst base-files [12.4+deb12u11] (12.4+deb12u15 Debian:12.15/oldstable [amd64])
        Inst libgcrypt20-dev [1.10.1-3] (1.10.1-3+deb12u1 Debian:12.15/oldstable, Debian-Security:12/oldstable-security [amd64]) []
        Inst liblzma-dev [5.4.1-1] (5.4.1-1+deb12u2 Debian-Security:12/oldstable-security [amd64]) []
        Inst linux-image-6.1.0-28-amd64 (6.1.119-1 Debian-Security:12/stable-security [amd64])
        Conf base-files (12.4+deb12u15 Debian:12.15/oldstable [amd64])
        """;

    [Fact]
    public void AptSimulation_InstLines_ReadNameVersionsAndSecuritySuite()
    {
        Assert.Equal(
        [
            new PackageUpdate("base-files", "12.4+deb12u11", "12.4+deb12u15", false),
            new PackageUpdate("libgcrypt20-dev", "1.10.1-3", "1.10.1-3+deb12u1", true),
            new PackageUpdate("liblzma-dev", "5.4.1-1", "5.4.1-1+deb12u2", true),
            new PackageUpdate("linux-image-6.1.0-28-amd64", null, "6.1.119-1", true),
        ], AptSimulation.Parse(DebianSimulation));
    }

    [Fact]
    public void AptSimulation_UbuntuUpdatesAndSecurityOrigins_IsSecurity()
    {
        var update = Assert.Single(AptSimulation.Parse("Inst openssl [3.0.2-0ubuntu1.15] (3.0.2-0ubuntu1.18 Ubuntu:22.04/jammy-updates, Ubuntu:22.04/jammy-security [amd64])\n"));

        Assert.True(update.Security);
    }

    [Fact]
    public void DnfCheckUpdate_WrappedLongNameAndObsoletes_ReadsEachUpdateOnce()
    {
        const string Output = """
            Last metadata expiration check: 0:12:04 ago on Tue 01 Dec 2026 10:00:00 AM UTC.

            kernel.x86_64                          6.7.4-200.fc39                          updates
            openssl-libs.x86_64                    1:3.1.1-4.fc39                          updates
            python3-setuptools-wheel-and-more-stuff.noarch
                                                   67.7.2-8.fc39                           updates
            Obsoleting Packages
            grub2-tools.x86_64                     1:2.06-100.fc39                         updates
                grub2-tools.x86_64                 1:2.06-95.fc39                          @updates
            """;

        Assert.Equal(
            [("kernel", "6.7.4-200.fc39"), ("openssl-libs", "1:3.1.1-4.fc39"), ("python3-setuptools-wheel-and-more-stuff", "67.7.2-8.fc39")],
            DnfOutput.CheckUpdate(Output));
    }

    [Fact]
    public void DnfUpdateinfo_SecurityAdvisories_GiveThePackageNames()
    {
        const string Output = """
            FEDORA-2024-1a2b3c4d5e Important/Sec. openssl-libs-1:3.1.1-4.fc39.x86_64
            RHSA-2024:1234         Moderate/Sec.  kernel-core-5.14.0-362.24.1.el9_3.x86_64
            FEDORA-2024-ffffffffff bugfix         bash-5.2.26-1.fc39.x86_64
            """;

        Assert.Equal(["kernel-core", "openssl-libs"], DnfOutput.SecurityNames(Output).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void RpmQuery_InstalledAndMissing_KeepsInstalledOnes()
    {
        Assert.Equal(
            new Dictionary<string, string> { ["openssl-libs"] = "1:3.1.1-4.fc39", ["bash"] = "5.2.26-1.fc39" },
            DnfOutput.RpmQuery("openssl-libs\t1:3.1.1-4.fc39\npackage nginx is not installed\nbash\t5.2.26-1.fc39\n"));
    }

    [Fact]
    public void ZypperXml_ListUpdatesAndPatches_ReadsPackagesAndNeededSecurityPatches()
    {
        const string Updates = """
            <?xml version='1.0'?>
            <stream>
            <message type="info">Loading repository data...</message>
            <message type="info">Reading installed packages...</message>
            <update-status version="0.6">
            <update-list>
            <update kind="package" name="libopenssl1_1" edition="1.1.1l-150500.17.25.1" arch="x86_64" edition-old="1.1.1l-150500.17.22.1" >
            <summary>Secure Sockets and Transport Layer Security</summary>
            <description>OpenSSL is a software library.</description>
            <license></license>
            <source url="http://download.opensuse.org/update/leap/15.5/sle" alias="repo-sle-update"/>
            </update>
            </update-list>
            </update-status>
            </stream>
            """;
        const string Patches = """
            <?xml version='1.0'?>
            <stream>
            <update-status version="0.6">
            <update-list>
            <update interactive="false" kind="patch" name="SUSE-SLE-Module-Basesystem-15-SP5-2024-1234" edition="1" arch="noarch" status="needed" category="security" severity="important" pkgmanager="false" restart="false">
            <summary>Security update for openssl-1_1</summary>
            <source url="https://updates.suse.com/SUSE/Updates/SLE-Module-Basesystem/15-SP5/x86_64/update/" alias="Basesystem_Module_15_SP5_x86_64:SLE-Module-Basesystem15-SP5-Updates"/>
            <issue-date time="1712000000"/>
            </update>
            <update interactive="false" kind="patch" name="SUSE-SLE-Module-Basesystem-15-SP5-2024-999" edition="1" arch="noarch" status="applied" category="security" severity="low" pkgmanager="false" restart="false">
            <summary>Already applied</summary>
            </update>
            </update-list>
            </update-status>
            </stream>
            """;

        Assert.Equal([new PackageUpdate("libopenssl1_1", "1.1.1l-150500.17.22.1", "1.1.1l-150500.17.25.1", false)], ZypperXml.Packages(Updates));
        Assert.Equal([new PackageUpdate("patch:SUSE-SLE-Module-Basesystem-15-SP5-2024-1234", null, "1", true)], ZypperXml.SecurityPatches(Patches));
    }

    [Theory]
    [InlineData("ID=debian\n", "apt")]
    [InlineData("ID=ubuntu\nID_LIKE=debian\n", "apt")]
    [InlineData("ID=linuxmint\nID_LIKE=\"ubuntu debian\"\n", "apt")]
    [InlineData("ID=\"rocky\"\nID_LIKE=\"rhel centos fedora\"\n", "dnf")]
    [InlineData("ID=fedora\n", "dnf")]
    [InlineData("ID=\"almalinux\"\n", "dnf")]
    [InlineData("ID=\"opensuse-leap\"\nID_LIKE=\"suse opensuse\"\n", "zypper")]
    [InlineData("ID=\"sles\"\n", "zypper")]
    public void OsRelease_IdAndIdLike_GiveTheFamily(string text, string family)
    {
        Assert.Equal(family, OsRelease.Family(OsRelease.Parse(text)));
    }

    [Fact]
    public void Choose_RhelWithoutDnf_UsesYum()
    {
        var (manager, error) = PackageManagerDetector.Choose("ID=\"centos\"\nID_LIKE=\"rhel fedora\"\nRUNBOOKS_HAVE=yum\nRUNBOOKS_HAVE=rpm\n", "auto");

        Assert.Null(error);
        Assert.Equal("yum", manager!.Name);
    }

    [Fact]
    public void Choose_UnknownDistribution_FailsNamingItAndTheWayOut()
    {
        var (_, error) = PackageManagerDetector.Choose("ID=alpine\nRUNBOOKS_HAVE=rpm\n", "auto");

        Assert.Equal("no package manager is known for distribution 'alpine'; Runbooks supports apt (Debian, Ubuntu), dnf/yum (Fedora, RHEL, CentOS, Rocky, Alma) and zypper (openSUSE, SLES); set manager: to force one", error);
    }

    [Fact]
    public void Choose_DebianWithoutAptGet_FailsSayingSo()
    {
        var (_, error) = PackageManagerDetector.Choose("ID=debian\nRUNBOOKS_HAVE=dpkg-query\n", "auto");

        Assert.Equal("distribution 'debian' uses apt, but apt-get is not on the target's PATH; check the host or set manager: to force another", error);
    }

    [Fact]
    public void Choose_ForcedZypperWithoutRpm_FailsNamingTheMissingTool()
    {
        var (_, error) = PackageManagerDetector.Choose("ID=debian\nRUNBOOKS_HAVE=zypper\n", "zypper");

        Assert.Equal("manager zypper needs rpm on the target's PATH, which the target does not have", error);
    }
}
