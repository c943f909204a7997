using System.Globalization;

namespace Runbooks.Actions.Disk;

/// <summary>
/// Parses <c>df -B1 --output=source,fstype,size,used,avail,pcent,ipcent,target</c>. The mount point is the last
/// column and taken as the rest of the line, so a mount point with spaces stays whole. Percentages are df's own
/// (rounded up, as <c>df -h</c> shows them); a filesystem without inode accounting reports "-", read as null.
/// </summary>
internal static class DfParser
{
    /// <summary>The arguments after <c>df</c>.</summary>
    public static readonly IReadOnlyList<string> Arguments = ["-B1", "--output=source,fstype,size,used,avail,pcent,ipcent,target"];

    /// <summary>Every parseable line after the header; lines that are not (a warning) are skipped.</summary>
    public static List<DiskMount> Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var mounts = new List<DiskMount>();
        foreach (var raw in output.Split('\n').Skip(1))
        {
            var line = raw.TrimEnd('\r');
            var fields = new List<string>();
            var at = 0;
            while (fields.Count < 7)
            {
                while (at < line.Length && line[at] == ' ')
                {
                    at++;
                }
                var end = line.IndexOf(' ', at);
                if (end < 0)
                {
                    break;
                }
                fields.Add(line[at..end]);
                at = end;
            }
            while (at < line.Length && line[at] == ' ')
            {
                at++;
            }
            if (fields.Count < 7 || at >= line.Length
                || !long.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var size)
                || !long.TryParse(fields[3], NumberStyles.None, CultureInfo.InvariantCulture, out var used)
                || !long.TryParse(fields[4], NumberStyles.None, CultureInfo.InvariantCulture, out var avail))
            {
                continue;
            }
            mounts.Add(new DiskMount(fields[0], fields[1], size, used, avail, Percent(fields[5]) ?? 0, Percent(fields[6]), line[at..]));
        }
        return mounts;
    }

    private static long? Percent(string field) =>
        long.TryParse(field.TrimEnd('%'), NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : null;
}
