namespace Runbooks.Transports.Ssh;

/// <summary>The entries of an OpenSSH known_hosts file. Lines it cannot read are skipped, as OpenSSH does.</summary>
internal sealed class KnownHosts
{
    private KnownHosts(IReadOnlyList<KnownHostsEntry> entries) => Entries = entries;

    public IReadOnlyList<KnownHostsEntry> Entries { get; }

    public static KnownHosts Empty { get; } = new([]);

    public static KnownHosts Parse(string text)
    {
        var entries = new List<KnownHostsEntry>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var fields = lines[i].Trim().Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length == 0 || fields[0].StartsWith('#'))
            {
                continue;
            }
            string? marker = null;
            if (fields[0].StartsWith('@'))
            {
                marker = fields[0];
                fields = fields[1..];
            }
            if (fields.Length < 3)
            {
                continue;
            }
            try
            {
                entries.Add(new KnownHostsEntry(marker, fields[0], fields[1], Convert.FromBase64String(fields[2]), i + 1));
            }
            catch (FormatException)
            {
                // A damaged key field: skipped, so it can never match.
            }
        }
        return new KnownHosts(entries);
    }

    public static KnownHosts Load(string path) => Parse(File.ReadAllText(path));
}
