using System.Text;
using Runbooks.Actions.Common;

namespace Runbooks.Actions.Package;

/// <summary>Dry-run text for the package actions: what each manager would run, without touching the target.</summary>
internal static class PackageDescriptions
{
    private static readonly IPackageManager[] All = [new AptPackageManager(), new DnfPackageManager("dnf"), new ZypperPackageManager()];

    public static string Check(string forced, bool refresh, bool securityOnly)
    {
        var text = Header(forced);
        foreach (var manager in Managers(forced))
        {
            text.Append(manager.Name).Append(": ");
            if (refresh)
            {
                text.Append(TargetCommand.Show(manager.RefreshArgv)).Append("; ");
            }
            text.Append(manager.DescribeListing(securityOnly)).Append("; ").Append(manager.DescribeRebootCheck).Append('\n');
        }
        return text.ToString().TrimEnd();
    }

    public static string Update(string forced, bool refresh, IReadOnlyList<string> packages, bool securityOnly, bool reboot, string rebootTimeout)
    {
        var text = new StringBuilder(Check(forced, refresh, securityOnly)).Append('\n');
        var plan = packages.Select(p => new PackageUpdate(p, null, "", true)).ToList();
        foreach (var manager in Managers(forced))
        {
            text.Append(manager.Name).Append(": unless nothing is selected: ")
                .Append(TargetCommand.Show(manager.UpdateArgv(plan.Count > 0 ? plan : [new PackageUpdate("<selected>", null, "", true)], packages.Count == 0, securityOnly)))
                .Append('\n');
        }
        text.Append(reboot ? $"then, if a reboot is required: host.reboot (timeout {rebootTimeout})" : "no reboot (rebootIfRequired: false)");
        return text.ToString();
    }

    public static string Change(string forced, IReadOnlyList<string> packages, bool install)
    {
        var text = Header(forced);
        foreach (var manager in Managers(forced))
        {
            var query = manager is AptPackageManager ? "dpkg-query -W" : "rpm -q";
            var argv = install ? manager.InstallArgv(packages) : manager.RemoveArgv(packages);
            text.Append(manager.Name).Append(": ").Append(query).Append(" first; then, for those ")
                .Append(install ? "not installed: " : "installed: ").Append(TargetCommand.Show(argv)).Append('\n');
        }
        return text.ToString().TrimEnd();
    }

    private static StringBuilder Header(string forced) => new(forced == "auto"
        ? "detect the manager from /etc/os-release (confirmed on the PATH)\n"
        : $"manager: {forced}\n");

    private static IEnumerable<IPackageManager> Managers(string forced) => forced switch
    {
        "auto" => All,
        "apt" => [All[0]],
        "zypper" => [All[2]],
        _ => [new DnfPackageManager(forced)],
    };
}
