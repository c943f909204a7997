namespace Runbooks.Actions.Package;

/// <summary>Installed versions through <c>rpm -q</c>, for dnf, yum and zypper hosts.</summary>
internal static class RpmQuery
{
    /// <summary>
    /// The query format: name, tab, [epoch:]version-release. \t and \n are rpm's own escapes (a real line break could
    /// not cross an SSH command line).
    /// </summary>
    public const string Format = @"%{NAME}\t%|EPOCH?{%{EPOCH}:}:{}|%{VERSION}-%{RELEASE}\n";

    /// <summary>
    /// The installed version of each spec that is installed. rpm accepts a bare name or name-version[-release]; it
    /// exits with the number of specs not installed, which is an answer, not an error.
    /// </summary>
    public static async Task<IReadOnlyDictionary<string, string>> InstalledAsync(PackageRunner runner, IReadOnlyList<string> specs, CancellationToken cancellationToken)
    {
        var result = await runner.RunAsync(["rpm", "-q", "--qf", Format, "--", .. specs], cancellationToken, logOutput: false);
        if (result.ExitCode is < 0 or > 100 || (result.ExitCode != 0 && !result.Stdout.Contains("is not installed", StringComparison.Ordinal)))
        {
            throw new PackageManagerException(runner.Context.Secrets.Apply(PackageRunner.Failed(["rpm", "-q", "--qf", Format, "--", .. specs], result)));
        }
        var versions = DnfOutput.RpmQuery(result.Stdout);
        var installed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var spec in specs)
        {
            // A spec is a name, or a name followed by -version: the longest installed name it starts with is its package.
            var match = versions.Keys
                .Where(n => spec == n || (spec.StartsWith(n + "-", StringComparison.Ordinal) && Matches(spec[(n.Length + 1)..], versions[n])))
                .OrderByDescending(n => n.Length)
                .FirstOrDefault();
            if (match is not null && !result.Stdout.Contains($"package {spec} is not installed", StringComparison.Ordinal))
            {
                installed[spec] = versions[match];
            }
        }
        return installed;
    }

    // "1.20.1" matches "1:1.20.1-14.el9" and "1.20.1-14.el9"; the epoch is optional in a spec.
    private static bool Matches(string wanted, string installed)
    {
        var withoutEpoch = installed.Contains(':', StringComparison.Ordinal) ? installed[(installed.IndexOf(':', StringComparison.Ordinal) + 1)..] : installed;
        return wanted == installed || wanted == withoutEpoch || withoutEpoch.StartsWith(wanted + "-", StringComparison.Ordinal);
    }
}
