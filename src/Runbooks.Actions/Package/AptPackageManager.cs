namespace Runbooks.Actions.Package;

/// <summary>
/// Debian and Ubuntu: apt-get and dpkg-query. Every change runs non-interactively (DEBIAN_FRONTEND=noninteractive,
/// -y, and dpkg keeps locally changed config files: --force-confdef --force-confold), waits up to two minutes for the
/// dpkg lock (unattended-upgrades often holds it), and puts <c>--</c> before package names.
/// </summary>
internal sealed class AptPackageManager : IPackageManager
{
    /// <summary>The reboot flag Debian's and Ubuntu's packages (kernel, libc …) create through update-notifier.</summary>
    public const string RebootRequiredFile = "/var/run/reboot-required";

    // Fixed text; the path is a constant, never an input.
    private const string RebootScript = "if [ -e /var/run/reboot-required ]; then echo required; else echo none; fi";

    private static readonly string[] Change =
    [
        "apt-get", "-y", "-q", "-o", "DPkg::Lock::Timeout=120",
        "-o", "Dpkg::Options::=--force-confdef", "-o", "Dpkg::Options::=--force-confold",
    ];

    public string Name => "apt";

    public IReadOnlyDictionary<string, string> Environment { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["DEBIAN_FRONTEND"] = "noninteractive",
        // Ubuntu's needrestart would otherwise ask which services to restart; list them only.
        ["NEEDRESTART_MODE"] = "l",
    };

    public IReadOnlyList<string> RefreshArgv => ["apt-get", "-q", "-o", "DPkg::Lock::Timeout=120", "update"];

    public IReadOnlyList<int> UpdateExitCodes => [0];

    public string DescribeRebootCheck => $"test -e {RebootRequiredFile}";

    public string DescribeListing(bool securityOnly) =>
        "apt-get -s -q upgrade (simulation: Inst lines" + (securityOnly ? "; security = candidate from a *-security suite)" : ")");

    public async Task<IReadOnlyList<PackageUpdate>> ListUpdatesAsync(PackageRunner runner, CancellationToken cancellationToken)
    {
        var result = await runner.RunCheckedAsync(["apt-get", "-s", "-q", "upgrade"], cancellationToken, logOutput: false);
        return AptSimulation.Parse(result.Stdout);
    }

    public async Task<IReadOnlyDictionary<string, string>> InstalledAsync(PackageRunner runner, IReadOnlyList<string> specs, CancellationToken cancellationToken)
    {
        var names = specs.Select(PackageName).Distinct(StringComparer.Ordinal).ToList();
        // Exit 1 only says some name is unknown to dpkg, which is an answer ("not installed"). The format's \t and \n
        // are dpkg-query's own escapes: a real line break could not cross an SSH command line.
        var result = await runner.RunCheckedAsync(["dpkg-query", "-W", @"-f=${Package}\t${Version}\t${db:Status-Abbrev}\n", "--", .. names], cancellationToken, logOutput: false, 0, 1);
        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in result.Stdout.Split('\n'))
        {
            var fields = line.Split('\t');
            // db:Status-Abbrev "ii " is installed; "rc " (removed, config left) and "un" are not.
            if (fields.Length >= 3 && fields[2].StartsWith("ii", StringComparison.Ordinal))
            {
                versions[fields[0]] = fields[1];
            }
        }
        var installed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var spec in specs)
        {
            var name = PackageName(spec);
            // dpkg-query prints name:arch for multi-arch packages queried with an arch; match either form.
            var found = versions.TryGetValue(name, out var version) || versions.TryGetValue(name.Split(':')[0], out version);
            var wanted = spec.Contains('=', StringComparison.Ordinal) ? spec[(spec.IndexOf('=', StringComparison.Ordinal) + 1)..] : null;
            if (found && (wanted is null || wanted == version))
            {
                installed[spec] = version!;
            }
        }
        return installed;
    }

    public IReadOnlyList<string> UpdateArgv(IReadOnlyList<PackageUpdate> selected, bool all, bool securityOnly) =>
        all && !securityOnly
            ? [.. Change, "upgrade"]
            // Only what the simulation selected, and only if already installed: --only-upgrade never adds a package.
            : [.. Change, "install", "--only-upgrade", "--", .. selected.Select(u => u.Name)];

    public IReadOnlyList<string> InstallArgv(IReadOnlyList<string> specs) => [.. Change, "install", "--", .. specs];

    public IReadOnlyList<string> RemoveArgv(IReadOnlyList<string> specs) => [.. Change, "remove", "--", .. specs.Select(PackageName)];

    public async Task<bool?> RebootRequiredAsync(PackageRunner runner, CancellationToken cancellationToken)
    {
        var result = await runner.RunScriptAsync(RebootScript, [], cancellationToken);
        return result.Stdout.Trim() switch
        {
            "required" => true,
            "none" => false,
            _ => null,
        };
    }

    /// <summary>The package name of an apt spec (<c>name=version</c> → <c>name</c>).</summary>
    public static string PackageName(string spec) => spec.Split('=')[0];
}
