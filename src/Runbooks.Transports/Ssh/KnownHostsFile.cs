namespace Runbooks.Transports.Ssh;

/// <summary>Writes known_hosts files: one host's key replaced atomically, other lines kept as they are.</summary>
public static class KnownHostsFile
{
    /// <summary>
    /// Records <paramref name="line"/> for the host and drops every line that named it before (plain or hashed), so a
    /// rebuilt host's old key stops being trusted. The file is written to a temporary name and moved into place.
    /// </summary>
    public static void Replace(string path, string address, int port, string line)
    {
        ArgumentNullException.ThrowIfNull(path);
        var lookup = port == 22 ? address : $"[{address}]:{port}";
        var kept = new List<string>();
        if (File.Exists(path))
        {
            foreach (var existing in File.ReadAllLines(path))
            {
                var entries = KnownHosts.Parse(existing).Entries;
                var entry = entries.Count > 0 ? entries[0] : null;
                if (entry is null || entry.Marker is not null || !entry.Matches(lookup))
                {
                    kept.Add(existing);
                }
            }
        }
        var fields = line.Split(' ', 2);
        kept.Add($"{lookup} {fields[1]}");
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        File.WriteAllLines(temporary, kept);
        File.Move(temporary, path, overwrite: true);
    }
}
