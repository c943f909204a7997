namespace Runbooks.Actions.Package;

/// <summary>One package manager (apt, dnf, yum or zypper): the exact commands each package action runs.</summary>
internal interface IPackageManager
{
    /// <summary>apt, dnf, yum or zypper, as reported in the <c>manager</c> output.</summary>
    string Name { get; }

    /// <summary>Variables every command gets (apt: DEBIAN_FRONTEND=noninteractive …).</summary>
    IReadOnlyDictionary<string, string> Environment { get; }

    /// <summary>The metadata refresh (apt-get update, dnf makecache, zypper refresh).</summary>
    IReadOnlyList<string> RefreshArgv { get; }

    /// <summary>The command(s) that list available updates, for dry-run.</summary>
    string DescribeListing(bool securityOnly);

    /// <summary>Every available update (zypper: packages plus needed security patches as <c>patch:&lt;name&gt;</c>).</summary>
    Task<IReadOnlyList<PackageUpdate>> ListUpdatesAsync(PackageRunner runner, CancellationToken cancellationToken);

    /// <summary>The installed version of each spec that is installed (a spec missing from the answer is not installed).</summary>
    Task<IReadOnlyDictionary<string, string>> InstalledAsync(PackageRunner runner, IReadOnlyList<string> specs, CancellationToken cancellationToken);

    /// <summary>
    /// The upgrade command for the selected updates: <paramref name="selected"/> is the plan already filtered by the
    /// step's packages and securityOnly; <paramref name="all"/> says the step named no packages.
    /// </summary>
    IReadOnlyList<string> UpdateArgv(IReadOnlyList<PackageUpdate> selected, bool all, bool securityOnly);

    /// <summary>Exit codes of the upgrade command that mean success (zypper: 102, reboot needed, too).</summary>
    IReadOnlyList<int> UpdateExitCodes { get; }

    /// <summary>The install command for specs that are not installed yet.</summary>
    IReadOnlyList<string> InstallArgv(IReadOnlyList<string> specs);

    /// <summary>The remove command for installed packages.</summary>
    IReadOnlyList<string> RemoveArgv(IReadOnlyList<string> specs);

    /// <summary>The reboot-required check, for dry-run.</summary>
    string DescribeRebootCheck { get; }

    /// <summary>Whether the host needs a reboot to use what was installed; null when the manager cannot say.</summary>
    Task<bool?> RebootRequiredAsync(PackageRunner runner, CancellationToken cancellationToken);
}
