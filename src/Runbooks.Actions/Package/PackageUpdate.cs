namespace Runbooks.Actions.Package;

/// <summary>A package (or, on zypper, a security patch) with a newer version available.</summary>
/// <param name="Name">The package name (zypper patches: <c>patch:&lt;name&gt;</c>).</param>
/// <param name="CurrentVersion">The installed version; null when not installed yet (a new dependency) or unknown.</param>
/// <param name="AvailableVersion">The version an update would install.</param>
/// <param name="Security">Whether the update comes from a security source (apt: a *-security suite; dnf/yum: a
/// security advisory; zypper: a security patch).</param>
internal sealed record PackageUpdate(string Name, string? CurrentVersion, string AvailableVersion, bool Security)
{
    /// <summary>The output map for <c>upgradable</c>.</summary>
    public Dictionary<string, object?> ToOutput() => new(StringComparer.Ordinal)
    {
        ["name"] = Name,
        ["currentVersion"] = CurrentVersion,
        ["availableVersion"] = AvailableVersion,
        ["security"] = Security,
    };
}
