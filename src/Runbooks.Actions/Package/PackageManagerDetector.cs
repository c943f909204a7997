namespace Runbooks.Actions.Package;

/// <summary>
/// Chooses the package manager in one round trip: the distribution's family from <c>/etc/os-release</c>
/// (<c>ID</c>, then <c>ID_LIKE</c>), confirmed by its tools being on the PATH; or the manager the step forces.
/// </summary>
internal static class PackageManagerDetector
{
    // Fixed text: no value is ever spliced into it.
    internal const string ProbeScript = """
        for f in /etc/os-release /usr/lib/os-release; do
          if [ -r "$f" ]; then cat "$f"; break; fi
        done
        for tool in apt-get dpkg-query dnf yum rpm zypper; do
          if command -v "$tool" >/dev/null 2>&1; then echo "RUNBOOKS_HAVE=$tool"; fi
        done
        exit 0
        """;

    /// <summary>Detects (or checks the forced) manager on the target.</summary>
    public static async Task<(IPackageManager? Manager, string? Error)> DetectAsync(PackageRunner runner, string forced, CancellationToken cancellationToken)
    {
        var probe = await runner.RunScriptAsync(ProbeScript, [], cancellationToken);
        if (probe.ExitCode != 0)
        {
            return (null, $"could not detect the package manager (probe exit code {probe.ExitCode}): {probe.Stderr.Trim()}");
        }
        return Choose(probe.Stdout, forced);
    }

    /// <summary>Decides from the probe's output (separate for unit tests).</summary>
    public static (IPackageManager? Manager, string? Error) Choose(string probeOutput, string forced)
    {
        ArgumentNullException.ThrowIfNull(probeOutput);
        var have = probeOutput.Split('\n').Where(l => l.StartsWith("RUNBOOKS_HAVE=", StringComparison.Ordinal)).Select(l => l["RUNBOOKS_HAVE=".Length..].Trim()).ToHashSet(StringComparer.Ordinal);
        var release = OsRelease.Parse(probeOutput);
        var name = forced;
        if (forced == "auto")
        {
            var family = OsRelease.Family(release);
            var distro = release.TryGetValue("ID", out var id) ? $"'{id}'" + (release.TryGetValue("ID_LIKE", out var like) ? $" (like '{like}')" : "") : "unknown (no /etc/os-release)";
            if (family is null)
            {
                return (null, $"no package manager is known for distribution {distro}; Runbooks supports apt (Debian, Ubuntu), dnf/yum (Fedora, RHEL, CentOS, Rocky, Alma) and zypper (openSUSE, SLES); set manager: to force one");
            }
            name = family == "dnf" && !have.Contains("dnf") && have.Contains("yum") ? "yum" : family;
            if (!have.Contains(Tool(name)))
            {
                return (null, $"distribution {distro} uses {name}, but {Tool(name)} is not on the target's PATH; check the host or set manager: to force another");
            }
        }
        var missing = Required(name).Where(t => !have.Contains(t)).ToList();
        if (missing.Count > 0)
        {
            return (null, $"manager {name} needs {string.Join(" and ", missing)} on the target's PATH, which the target does not have");
        }
        return (name switch
        {
            "apt" => new AptPackageManager(),
            "zypper" => new ZypperPackageManager(),
            _ => new DnfPackageManager(name),
        }, null);
    }

    private static string Tool(string manager) => manager == "apt" ? "apt-get" : manager;

    private static string[] Required(string manager) => manager switch
    {
        "apt" => ["apt-get", "dpkg-query"],
        _ => [manager, "rpm"],
    };
}
