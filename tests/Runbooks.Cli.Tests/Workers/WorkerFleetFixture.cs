using System.Globalization;
using System.Text;
using Runbooks.Testing.PostgreSql;
using Runbooks.Testing.Ssh;

namespace Runbooks.Cli.Tests.Workers;

/// <summary>
/// For the crash tests: a real PostgreSQL, and two real sshd servers standing for <see cref="HostCount"/> inventory
/// hosts (<c>h01</c> … — every host is locked on its own, so every run can be inside its step at once). sshd's session
/// and start-up limits are raised: two workers open a connection per host each. The fake <c>slowstep</c> writes
/// <c>start &lt;run&gt; &lt;host&gt;</c> to <see cref="StepLog"/>, waits for <see cref="ReleaseFile"/>, sleeps a
/// second and writes <c>end &lt;run&gt; &lt;host&gt;</c> (one short write per line, atomic with O_APPEND).
/// </summary>
public sealed class WorkerFleetFixture : IDisposable
{
    /// <summary>How many inventory hosts.</summary>
    public const int HostCount = 24;

    private readonly FakeCommands[] _fakes;

    public WorkerFleetFixture()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("runbooks-workers-").FullName;
        StepLog = Path.Combine(Directory, "steps.log");
        ReleaseFile = Path.Combine(Directory, "release");
        _fakes = [new FakeCommands("sshd-1", Path.Combine(Directory, "ledger.tsv")), new FakeCommands("sshd-2", Path.Combine(Directory, "ledger.tsv"))];
        foreach (var fakes in _fakes)
        {
            fakes.Add("slowstep",
                $"printf 'start %s %s\\n' \"$1\" \"$2\" >> {StepLog}\n" +
                $"while [ ! -f {ReleaseFile} ]; do sleep 0.2; done\n" +
                "sleep 1\n" +
                $"printf 'end %s %s\\n' \"$1\" \"$2\" >> {StepLog}");
        }
        var extra = new[] { "MaxSessions 100", "MaxStartups 200:30:400" };
        Servers = [.. _fakes.AsParallel().AsOrdered().Select(f => SshdFixture.Start(new SshdOptions { Environment = f.Environment, ExtraConfig = extra }))];
        KnownHostsFile = Path.Combine(Directory, "known_hosts");
        File.WriteAllLines(KnownHostsFile, Servers.Select(s => s.KnownHostsLine));
        Database = new PostgreSqlServerFixture();
    }

    public string Directory { get; }

    public IReadOnlyList<SshdFixture> Servers { get; }

    public string KnownHostsFile { get; }

    public string StepLog { get; }

    public string ReleaseFile { get; }

    public PostgreSqlServerFixture Database { get; }

    /// <summary>The host names, <c>h01</c> … .</summary>
    public static IReadOnlyList<string> Hosts => [.. Enumerable.Range(1, HostCount).Select(i => "h" + i.ToString("00", CultureInfo.InvariantCulture))];

    /// <summary>Every line of <see cref="StepLog"/> as (what, run, host).</summary>
    public IReadOnlyList<(string What, string Run, string Host)> StepCalls() =>
        File.Exists(StepLog)
            ? [.. File.ReadAllLines(StepLog).Where(l => l.Length > 0).Select(l => l.Split(' ')).Select(f => (f[0], f[1], f[2]))]
            : [];

    /// <summary>An inventory naming every host, each reached on one of the two servers.</summary>
    public string InventoryYaml()
    {
        var yaml = new StringBuilder();
        yaml.Append(CultureInfo.InvariantCulture, $"knownHosts: {KnownHostsFile}\ngroups:\n  fleet: {{}}\ncredentials:\n");
        for (var i = 0; i < Servers.Count; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"  key-{i + 1}: {{ privateKeyFile: {Servers[i].ClientKeyFile} }}\n");
        }
        yaml.Append("hosts:\n");
        var hosts = Hosts;
        for (var i = 0; i < hosts.Count; i++)
        {
            var server = i % Servers.Count;
            yaml.Append(CultureInfo.InvariantCulture,
                $"  {hosts[i]}: {{ address: 127.0.0.1, port: {Servers[server].Port}, user: {Environment.UserName}, credential: key-{server + 1}, groups: [fleet] }}\n");
        }
        return yaml.ToString();
    }

    /// <summary>Forgets the step log and closes the gate again, for the next test.</summary>
    public void Reset()
    {
        File.Delete(StepLog);
        File.Delete(ReleaseFile);
    }

    public void Dispose()
    {
        Database.Dispose();
        foreach (var server in Servers)
        {
            server.Dispose();
        }
        foreach (var fakes in _fakes)
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
