namespace Runbooks.Actions.Package;

/// <summary>Parses dnf/yum and rpm output.</summary>
internal static class DnfOutput
{
    /// <summary>
    /// <c>dnf check-update</c>: one <c>name.arch  [epoch:]version-release  repo</c> line per update, after an optional
    /// "Last metadata expiration check" line; a name too long for its column is printed alone with the rest on the
    /// next line; everything from "Obsoleting Packages" on is not an update. Returns name → available version.
    /// </summary>
    public static IReadOnlyList<(string Name, string Version)> CheckUpdate(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var updates = new List<(string, string)>();
        string? pending = null;
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.StartsWith("Obsoleting Packages", StringComparison.Ordinal))
            {
                break;
            }
            if (line.Length == 0 || line.StartsWith("Last metadata expiration check", StringComparison.Ordinal) || line.StartsWith("Security:", StringComparison.Ordinal))
            {
                pending = null;
                continue;
            }
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (pending is not null && words.Length == 2 && char.IsWhiteSpace(line[0]))
            {
                words = [pending, .. words];
            }
            pending = null;
            if (words.Length == 1 && words[0].Contains('.', StringComparison.Ordinal))
            {
                pending = words[0];
                continue;
            }
            if (words.Length == 3 && words[0].LastIndexOf('.') is var dot and > 0)
            {
                updates.Add((words[0][..dot], words[1]));
            }
        }
        return updates;
    }

    /// <summary>
    /// <c>dnf updateinfo list --security</c>: <c>ADVISORY  Severity/Sec.  name-[epoch:]version-release.arch</c> lines;
    /// returns the package names.
    /// </summary>
    public static IReadOnlySet<string> SecurityNames(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var raw in output.Split('\n'))
        {
            var words = raw.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (words.Length >= 3 && words[1].Contains("Sec", StringComparison.Ordinal) && NameOfNevra(words[^1]) is { } name)
            {
                names.Add(name);
            }
        }
        return names;
    }

    /// <summary>The name of a NEVRA (<c>openssl-libs-1:3.1.1-4.fc39.x86_64</c> → <c>openssl-libs</c>); null when malformed.</summary>
    public static string? NameOfNevra(string nevra)
    {
        ArgumentNullException.ThrowIfNull(nevra);
        var withoutArch = nevra.LastIndexOf('.') is var dot and > 0 ? nevra[..dot] : nevra;
        var release = withoutArch.LastIndexOf('-');
        if (release <= 0)
        {
            return null;
        }
        var version = withoutArch.LastIndexOf('-', release - 1);
        return version <= 0 ? null : withoutArch[..version];
    }

    /// <summary>
    /// <c>rpm -q --qf '%{NAME}\t%|EPOCH?{%{EPOCH}:}:{}|%{VERSION}-%{RELEASE}\n'</c>: name → version (the last line wins
    /// for a package installed in several versions, such as kernel); "package x is not installed" lines are skipped.
    /// </summary>
    public static IReadOnlyDictionary<string, string> RpmQuery(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var versions = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in output.Split('\n'))
        {
            var fields = line.TrimEnd('\r').Split('\t');
            if (fields.Length == 2 && fields[0].Length > 0)
            {
                versions[fields[0]] = fields[1];
            }
        }
        return versions;
    }
}
