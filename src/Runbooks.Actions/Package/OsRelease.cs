namespace Runbooks.Actions.Package;

/// <summary>
/// Reads <c>/etc/os-release</c> (<c>KEY=value</c>, values optionally quoted) and maps its <c>ID</c> and
/// <c>ID_LIKE</c> to a package manager: debian/ubuntu → apt; fedora/rhel/centos/rocky/almalinux → dnf (yum when no
/// dnf is installed); opensuse*/sles/suse → zypper.
/// </summary>
internal static class OsRelease
{
    /// <summary>The values of the file's assignments; comments and malformed lines are skipped.</summary>
    public static IReadOnlyDictionary<string, string> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            var equals = line.IndexOf('=', StringComparison.Ordinal);
            if (line.StartsWith('#') || equals <= 0)
            {
                continue;
            }
            var value = line[(equals + 1)..].Trim();
            if (value.Length >= 2 && (value[0] is '"' or '\'') && value[^1] == value[0])
            {
                value = value[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal);
            }
            values[line[..equals]] = value;
        }
        return values;
    }

    /// <summary>
    /// The family (apt, dnf or zypper) the distribution belongs to, from ID first then each ID_LIKE word; null when
    /// none is known.
    /// </summary>
    public static string? Family(IReadOnlyDictionary<string, string> release)
    {
        ArgumentNullException.ThrowIfNull(release);
        var words = new List<string>();
        if (release.TryGetValue("ID", out var id))
        {
            words.Add(id.ToLowerInvariant());
        }
        if (release.TryGetValue("ID_LIKE", out var like))
        {
            words.AddRange(like.ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));
        }
        foreach (var word in words)
        {
            switch (word)
            {
                case "debian" or "ubuntu":
                    return "apt";
                case "fedora" or "rhel" or "centos" or "rocky" or "almalinux" or "alma" or "ol" or "amzn":
                    return "dnf";
                case "sles" or "suse" or "sled" or "opensuse":
                case var suse when suse.StartsWith("opensuse", StringComparison.Ordinal):
                    return "zypper";
            }
        }
        return null;
    }
}
