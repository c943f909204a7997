using System.Globalization;
using System.Text;

namespace Runbooks.Testing.Ssh;

/// <summary>
/// Several real sshd servers on 127.0.0.1, one port each, standing for a fleet of hosts (<c>web-1</c> … <c>web-N</c>),
/// with a known_hosts file that trusts all of them and an inventory text for a Runbooks inventory file. Each host has
/// its own <see cref="FakeCommands"/> directory first on its login PATH (empty until a test adds a fake), all writing
/// to one ledger, so a test sees which host ran what, in order.
/// </summary>
public sealed class SshFleetFixture : IDisposable
{
    /// <summary>How many hosts the default fleet has.</summary>
    public const int DefaultSize = 4;

    /// <summary>Starts <see cref="DefaultSize"/> servers (in parallel: each takes a key generation and a start).</summary>
    public SshFleetFixture()
        : this(DefaultSize)
    {
    }

    /// <summary>
    /// Starts <paramref name="size"/> servers, <c>web-1</c> … <c>web-N</c>. (A factory, not a constructor: xunit wants a
    /// class fixture to have exactly one public constructor.)
    /// </summary>
    public static SshFleetFixture Start(int size) => new(size);

    private SshFleetFixture(int size)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(size, 1);
        Directory = System.IO.Directory.CreateTempSubdirectory("runbooks-fleet-").FullName;
        LedgerFile = Path.Combine(Directory, "ledger.tsv");
        Fakes = [.. Enumerable.Range(0, size).Select(i => new FakeCommands(HostName(i), LedgerFile))];
        var started = new SshdFixture[size];
        Parallel.For(0, size, i => started[i] = SshdFixture.Start(new SshdOptions { Environment = Fakes[i].Environment }));
        Servers = started;
        KnownHostsFile = Path.Combine(Directory, "known_hosts");
        File.WriteAllLines(KnownHostsFile, Servers.Select(s => s.KnownHostsLine));
    }

    /// <summary>The servers, in host order (<c>web-1</c> is the first).</summary>
    public IReadOnlyList<SshdFixture> Servers { get; }

    /// <summary>Each host's fake commands, in host order.</summary>
    public IReadOnlyList<FakeCommands> Fakes { get; }

    /// <summary>The ledger every host's fakes append to.</summary>
    public string LedgerFile { get; }

    /// <summary>Every fake-command call on any host so far, in order.</summary>
    public IReadOnlyList<FakeCall> Calls() => FakeCall.Read(LedgerFile);

    /// <summary>Adds the same fake to every host (see <see cref="FakeCommands.Add"/>).</summary>
    public void AddFake(string name, string body = "exit 0")
    {
        foreach (var fakes in Fakes)
        {
            fakes.Add(name, body);
        }
    }

    /// <summary>Forgets every call recorded so far and every fake's state, for the next test.</summary>
    public void ResetFakes()
    {
        File.Delete(LedgerFile);
        foreach (var fakes in Fakes)
        {
            foreach (var entry in new DirectoryInfo(fakes.StateDirectory).EnumerateFileSystemInfos())
            {
                if (entry is DirectoryInfo dir)
                {
                    dir.Delete(recursive: true);
                }
                else
                {
                    entry.Delete();
                }
            }
        }
    }

    /// <summary>A directory for files shared by the fleet (known_hosts, the ledger).</summary>
    public string Directory { get; }

    /// <summary>A known_hosts file with every server's key.</summary>
    public string KnownHostsFile { get; }

    /// <summary>The host names, in order.</summary>
    public IReadOnlyList<string> Names => [.. Servers.Select((_, i) => HostName(i))];

    /// <summary>The name of the host at <paramref name="index"/>.</summary>
    public static string HostName(int index) => $"web-{(index + 1).ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// A Runbooks inventory: every server as <c>web-N</c> in group <c>web</c>, with its own key, known_hosts trusted, and
    /// the labels <paramref name="labels"/> gives each host (by name).
    /// </summary>
    public string InventoryYaml(Func<string, IReadOnlyDictionary<string, string>>? labels = null)
    {
        var yaml = new StringBuilder();
        yaml.Append(CultureInfo.InvariantCulture, $"knownHosts: {KnownHostsFile}\ngroups:\n  web: {{}}\ncredentials:\n");
        for (var i = 0; i < Servers.Count; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  key-{i + 1}: {{ privateKeyFile: {Servers[i].ClientKeyFile} }}\n");
        }
        yaml.Append("hosts:\n");
        for (var i = 0; i < Servers.Count; i++)
        {
            var name = HostName(i);
            var hostLabels = labels?.Invoke(name) ?? new Dictionary<string, string>();
            var labelText = string.Join(", ", hostLabels.Select(kv => $"{kv.Key}: \"{kv.Value}\""));
            yaml.Append(CultureInfo.InvariantCulture,
                $"  {name}: {{ address: 127.0.0.1, port: {Servers[i].Port}, user: {Environment.UserName}, credential: key-{i + 1}, groups: [web], labels: {{ {labelText} }} }}\n");
        }
        return yaml.ToString();
    }

    /// <summary>Stops every server and removes the files.</summary>
    public void Dispose()
    {
        foreach (var server in Servers)
        {
            server.Dispose();
        }
        foreach (var fakes in Fakes)
        {
            fakes.Dispose();
        }
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }
}
