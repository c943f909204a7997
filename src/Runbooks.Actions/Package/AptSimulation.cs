using System.Text.RegularExpressions;

namespace Runbooks.Actions.Package;

/// <summary>
/// Parses <c>apt-get -s upgrade</c> output: one <c>Inst name [old] (new origin[, origin…] [arch])</c> line per
/// package (no <c>[old]</c> for a new dependency). An origin is <c>Label:version/suite</c>, e.g.
/// <c>Debian-Security:12/stable-security</c> or <c>Ubuntu:22.04/jammy-security</c>; the update counts as security
/// when any origin's suite ends in <c>-security</c>.
/// </summary>
internal static partial class AptSimulation
{
    public static IReadOnlyList<PackageUpdate> Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var updates = new List<PackageUpdate>();
        foreach (var line in output.Split('\n'))
        {
            var match = InstLine().Match(line.TrimEnd('\r'));
            if (!match.Success)
            {
                continue;
            }
            var origins = match.Groups["origins"].Value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var security = origins.Any(o => o[(o.LastIndexOf('/') + 1)..].EndsWith("-security", StringComparison.Ordinal));
            updates.Add(new PackageUpdate(
                match.Groups["name"].Value,
                match.Groups["old"].Success ? match.Groups["old"].Value : null,
                match.Groups["new"].Value,
                security));
        }
        return updates;
    }

    [GeneratedRegex(@"^Inst (?<name>\S+) (?:\[(?<old>[^\]]+)\] )?\((?<new>\S+)(?: (?<origins>[^\[\)]*?))?\s*(?:\[[^\]]*\])?\)", RegexOptions.CultureInvariant)]
    private static partial Regex InstLine();
}
