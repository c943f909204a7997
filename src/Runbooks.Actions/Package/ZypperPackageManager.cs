namespace Runbooks.Actions.Package;

/// <summary>
/// openSUSE and SLES: zypper, always with <c>--non-interactive</c> (and <c>--auto-agree-with-licenses</c> where it
/// installs), rpm -q for installed versions, and <c>zypper needs-rebooting</c> (exit 102: reboot needed).
/// Security-only updates are <c>zypper patch --category security</c>: zypper applies security fixes as patches.
/// </summary>
internal sealed class ZypperPackageManager : IPackageManager
{
    /// <summary>zypper's exit code for "done; a reboot is needed" (ZYPPER_EXIT_INF_REBOOT_NEEDED).</summary>
    public const int RebootNeeded = 102;

    public string Name => "zypper";

    public IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public IReadOnlyList<string> RefreshArgv => ["zypper", "--non-interactive", "refresh"];

    public IReadOnlyList<int> UpdateExitCodes => [0, RebootNeeded];

    public string DescribeRebootCheck => "zypper needs-rebooting (exit 102: reboot required)";

    public string DescribeListing(bool securityOnly) =>
        "zypper --non-interactive --xmlout list-updates; zypper --non-interactive --xmlout list-patches --category security";

    public async Task<IReadOnlyList<PackageUpdate>> ListUpdatesAsync(PackageRunner runner, CancellationToken cancellationToken)
    {
        var packages = await runner.RunCheckedAsync(["zypper", "--non-interactive", "--xmlout", "list-updates"], cancellationToken, logOutput: false);
        // list-patches exits 100 (updates needed) or 101 (security updates needed) when there are patches to apply.
        var patches = await runner.RunCheckedAsync(["zypper", "--non-interactive", "--xmlout", "list-patches", "--category", "security"], cancellationToken, false, 0, 100, 101);
        return [.. ZypperXml.Packages(packages.Stdout), .. ZypperXml.SecurityPatches(patches.Stdout)];
    }

    public Task<IReadOnlyDictionary<string, string>> InstalledAsync(PackageRunner runner, IReadOnlyList<string> specs, CancellationToken cancellationToken) =>
        RpmQuery.InstalledAsync(runner, specs, cancellationToken);

    public IReadOnlyList<string> UpdateArgv(IReadOnlyList<PackageUpdate> selected, bool all, bool securityOnly) =>
        securityOnly
            ? ["zypper", "--non-interactive", "patch", "--auto-agree-with-licenses", "--category", "security"]
            : all
                ? ["zypper", "--non-interactive", "update", "--auto-agree-with-licenses"]
                : ["zypper", "--non-interactive", "update", "--auto-agree-with-licenses", "--", .. selected.Select(u => u.Name)];

    public IReadOnlyList<string> InstallArgv(IReadOnlyList<string> specs) =>
        ["zypper", "--non-interactive", "install", "--auto-agree-with-licenses", "--", .. specs];

    public IReadOnlyList<string> RemoveArgv(IReadOnlyList<string> specs) => ["zypper", "--non-interactive", "remove", "--", .. specs];

    public async Task<bool?> RebootRequiredAsync(PackageRunner runner, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(["zypper", "needs-rebooting"], cancellationToken, logOutput: false);
        return result.ExitCode switch
        {
            0 => false,
            RebootNeeded => true,
            _ => null,
        };
    }
}
