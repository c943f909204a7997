namespace Runbooks.Actions.Package;

/// <summary>
/// Fedora and the Red Hat family: dnf, or yum where dnf is not installed (the same subcommands: check-update,
/// updateinfo list --security, upgrade [--security], install, remove, makecache), with rpm -q for installed versions
/// and needs-restarting -r (exit 1: reboot needed) for the reboot check.
/// </summary>
internal sealed class DnfPackageManager : IPackageManager
{
    public DnfPackageManager(string tool) => Name = tool;

    /// <summary>dnf or yum.</summary>
    public string Name { get; }

    public IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public IReadOnlyList<string> RefreshArgv => [Name, "-q", "makecache"];

    public IReadOnlyList<int> UpdateExitCodes => [0];

    public string DescribeRebootCheck => "needs-restarting -r (exit 1: reboot required)";

    public string DescribeListing(bool securityOnly) => $"{Name} -q check-update; {Name} -q updateinfo list --security; rpm -q (current versions)";

    public async Task<IReadOnlyList<PackageUpdate>> ListUpdatesAsync(PackageRunner runner, CancellationToken cancellationToken)
    {
        // check-update exits 100 when updates are available, 0 when none, 1 on error.
        var check = await runner.RunCheckedAsync([Name, "-q", "check-update"], cancellationToken, false, 0, 100);
        var available = DnfOutput.CheckUpdate(check.Stdout);
        if (available.Count == 0)
        {
            return [];
        }
        var advisories = await runner.RunCheckedAsync([Name, "-q", "updateinfo", "list", "--security"], cancellationToken, logOutput: false);
        var security = DnfOutput.SecurityNames(advisories.Stdout);
        var current = await RpmQuery.InstalledAsync(runner, [.. available.Select(a => a.Name).Distinct(StringComparer.Ordinal)], cancellationToken);
        return [.. available.Select(a => new PackageUpdate(a.Name, current.GetValueOrDefault(a.Name), a.Version, security.Contains(a.Name)))];
    }

    public Task<IReadOnlyDictionary<string, string>> InstalledAsync(PackageRunner runner, IReadOnlyList<string> specs, CancellationToken cancellationToken) =>
        RpmQuery.InstalledAsync(runner, specs, cancellationToken);

    public IReadOnlyList<string> UpdateArgv(IReadOnlyList<PackageUpdate> selected, bool all, bool securityOnly)
    {
        List<string> argv = [Name, "-y", "upgrade"];
        if (securityOnly)
        {
            argv.Add("--security");
        }
        if (!all)
        {
            argv.AddRange(["--", .. selected.Select(u => u.Name)]);
        }
        return argv;
    }

    public IReadOnlyList<string> InstallArgv(IReadOnlyList<string> specs) => [Name, "-y", "install", "--", .. specs];

    public IReadOnlyList<string> RemoveArgv(IReadOnlyList<string> specs) => [Name, "-y", "remove", "--", .. specs];

    public async Task<bool?> RebootRequiredAsync(PackageRunner runner, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(["needs-restarting", "-r"], cancellationToken, logOutput: false);
        return result.ExitCode switch
        {
            0 => false,
            1 => true,
            // 127: not installed (dnf-utils / yum-utils); anything else: it could not tell.
            _ => null,
        };
    }
}
