using System.Globalization;
using System.Net;

namespace Runbooks.Testing.Alertmanager;

/// <summary>
/// The sockets one process listens on, from <c>/proc/&lt;pid&gt;/fd</c> (socket inodes) and <c>/proc/net/{tcp,udp}{,6}</c>
/// (Linux). Reading another user's fd table needs root; a fixture's own child is the same user.
/// </summary>
internal static class ProcessSockets
{
    private const string TcpListen = "0A";
    private const string UdpUnconnected = "07";

    public static IReadOnlyList<ListeningSocket> Listening(int pid)
    {
        var inodes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var fd in Directory.EnumerateFileSystemEntries($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/fd"))
        {
            // An fd that closes while we look has no link target any more.
            var target = new FileInfo(fd).LinkTarget;
            if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal))
            {
                inodes.Add(target["socket:[".Length..^1]);
            }
        }
        return [.. Table("tcp", TcpListen, inodes), .. Table("tcp6", TcpListen, inodes),
            .. Table("udp", UdpUnconnected, inodes), .. Table("udp6", UdpUnconnected, inodes)];
    }

    private static IEnumerable<ListeningSocket> Table(string protocol, string state, HashSet<string> inodes)
    {
        var path = "/proc/net/" + protocol;
        if (!File.Exists(path))
        {
            yield break;
        }
        // "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode"
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length > 9 && fields[3] == state && inodes.Contains(fields[9]))
            {
                yield return new ListeningSocket(protocol, EndPoint(fields[1]));
            }
        }
    }

    /// <summary>Parses <c>0100007F:1F90</c>: the address as 32-bit words in host (little-endian) order, the port in hex.</summary>
    private static IPEndPoint EndPoint(string field)
    {
        var (address, port) = (field[..field.IndexOf(':', StringComparison.Ordinal)], field[(field.IndexOf(':', StringComparison.Ordinal) + 1)..]);
        var bytes = Convert.FromHexString(address);
        for (var word = 0; BitConverter.IsLittleEndian && word < bytes.Length; word += 4)
        {
            Array.Reverse(bytes, word, 4);
        }
        return new IPEndPoint(new IPAddress(bytes), int.Parse(port, NumberStyles.HexNumber, CultureInfo.InvariantCulture));
    }
}
