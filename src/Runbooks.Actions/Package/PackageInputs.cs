using Runbooks.Core.Shapes;

namespace Runbooks.Actions.Package;

/// <summary>Input fields the package actions share.</summary>
internal static class PackageInputs
{
    /// <summary>
    /// A package name, optionally with a version the manager understands (apt <c>name=1.2-3</c>, dnf/zypper
    /// <c>name-1.2</c>) or an apt architecture (<c>name:amd64</c>): it starts with a letter or digit (so never an
    /// option), then letters, digits and <c>+ . _ : ~ = -</c>; no line break.
    /// </summary>
    public const string PackagePattern = @"^(?!.*\n)[A-Za-z0-9][A-Za-z0-9+._:~=-]{0,255}$";

    public const string PackageRule = "a package name (optionally =version for apt, -version for dnf/yum/zypper): letters, digits and + . _ : ~ = -, starting with a letter or digit";

    public static FieldShape Manager { get; } = new("manager", ValueShape.Enum(
        "The package manager: auto reads /etc/os-release (debian/ubuntu → apt; fedora/rhel/centos/rocky/alma → dnf, or yum without dnf; opensuse/sles → zypper) and checks the tool is installed.",
        "auto", "apt", "dnf", "yum", "zypper") with { Default = "auto" });

    public static FieldShape Refresh { get; } = new("refresh", ValueShape.Bool(
        "Refresh package metadata first (apt-get update, dnf makecache, zypper refresh).") with { Default = true });

    public static FieldShape SecurityOnly(string what) => new("securityOnly", ValueShape.Bool(what) with { Default = false });

    public static FieldShape Packages(string description, bool required) => new("packages", ValueShape.List(description,
        ValueShape.String("One package.") with { Pattern = PackagePattern, PatternDescription = PackageRule }) with { ScalarAsList = true }, required);
}
