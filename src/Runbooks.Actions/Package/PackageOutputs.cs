using Runbooks.Core.Shapes;

namespace Runbooks.Actions.Package;

/// <summary>Output descriptions the package actions share.</summary>
internal static class PackageOutputs
{
    public static FieldShape Manager { get; } = new("manager", ValueShape.Enum("The package manager used.", "apt", "dnf", "yum", "zypper"));

    public static FieldShape RebootRequired { get; } = new("rebootRequired", ValueShape.Bool(
        "Whether the host needs a reboot: apt /var/run/reboot-required exists; dnf/yum needs-restarting -r exits 1; zypper needs-rebooting exits 102. Null when the host cannot tell (needs-restarting not installed)."));

    public static IReadOnlyList<FieldShape> Check { get; } =
    [
        Manager,
        new("upgradable", ValueShape.List("The updates (only security ones with securityOnly): maps of name, currentVersion (null for a new dependency), availableVersion, security. On zypper, needed security patches are listed as patch:<name>.",
            ValueShape.Any("An update."))),
        new("count", ValueShape.Int("How many updates upgradable lists.")),
        new("securityCount", ValueShape.Int("How many of all available updates are security updates (whatever securityOnly says).")),
        RebootRequired,
    ];
}
