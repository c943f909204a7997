using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Runbooks.Testing.PostgreSql;

/// <summary>
/// A real, throwaway PostgreSQL cluster on 127.0.0.1 and a free port, for the storage tests; started once per test
/// run (an xunit collection fixture) and stopped afterwards. PostgreSQL refuses to run as root, so under root (CI) the
/// server runs as the <c>postgres</c> user (Debian package <c>postgresql</c>). Set <see cref="ConnectionVariable"/> to a
/// connection string to use an existing server instead. Each test class takes its own schema
/// (<see cref="NewSchemaName"/>), so classes never see each other's rows.
/// </summary>
public sealed class PostgreSqlServerFixture : IDisposable
{
    /// <summary>The environment variable that points the tests at an existing PostgreSQL instead.</summary>
    public const string ConnectionVariable = "RUNBOOKS_TEST_POSTGRES";

    private const string User = "runbooks";
    private readonly string? _directory;
    private readonly string? _binaries;
    private readonly string? _startOptions;
    private int _schemas;

    /// <summary>Starts the cluster (or uses <see cref="ConnectionVariable"/>).</summary>
    public PostgreSqlServerFixture()
    {
        if (Environment.GetEnvironmentVariable(ConnectionVariable) is { Length: > 0 } existing)
        {
            ConnectionString = existing;
            return;
        }
        _binaries = FindBinaries() ?? throw new InvalidOperationException(
            $"PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb): install the Debian package postgresql (apt-get install -y postgresql), or set {ConnectionVariable} to a connection string");
        _directory = Directory.CreateTempSubdirectory("runbooks-pg-").FullName;
        var data = Path.Combine(_directory, "data");
        if (IsRoot)
        {
            // The postgres user must own the cluster and reach the socket directory.
            Run("chown", ["-R", "postgres:postgres", _directory]);
        }
        var port = FreePort();
        Run(Path.Combine(_binaries, "initdb"), ["-D", data, "-U", User, "-A", "trust", "--no-sync", "-E", "UTF8"], asPostgres: true);
        // fsync off: test clusters are thrown away, and a crash of this machine needs no recovery.
        var options = _startOptions = $"-c listen_addresses=127.0.0.1 -p {port.ToString(CultureInfo.InvariantCulture)} -k {_directory} -c fsync=off -c max_connections=200";
        Run(Path.Combine(_binaries, "pg_ctl"), ["-D", data, "-o", options, "-l", LogFile, "-w", "-t", "60", "start"], asPostgres: true);
        ConnectionString = $"Host=127.0.0.1;Port={port.ToString(CultureInfo.InvariantCulture)};Username={User};Database=postgres;Pooling=true;Timeout=15";
    }

    /// <summary>A connection string for the server (user with full rights, database <c>postgres</c>).</summary>
    public string ConnectionString { get; }

    /// <summary>The server's log, for failure messages; empty for an external server.</summary>
    public string LogText => _directory is not null && File.Exists(LogFile) ? File.ReadAllText(LogFile) : "";

    private string LogFile => Path.Combine(_directory!, "postgres.log");

    private static bool IsRoot => Environment.UserName == "root";

    /// <summary>A schema name no other test class uses in this run (the journal creates it).</summary>
    public string NewSchemaName(string prefix = "t") =>
        $"{prefix}_{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}_{Interlocked.Increment(ref _schemas).ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Stops the server the way an outage does (fast shutdown: every client connection is dropped), for tests of what
    /// happens while the database is away; <see cref="Start"/> brings it back on the same port with the same data.
    /// Not available for an external server.
    /// </summary>
    public void Stop() =>
        Run(Path.Combine(Binaries, "pg_ctl"), ["-D", Path.Combine(_directory!, "data"), "-m", "fast", "-w", "stop"], asPostgres: true);

    /// <summary>Starts the server again after <see cref="Stop"/>.</summary>
    public void Start() =>
        Run(Path.Combine(Binaries, "pg_ctl"), ["-D", Path.Combine(_directory!, "data"), "-o", _startOptions!, "-l", LogFile, "-w", "-t", "60", "start"], asPostgres: true);

    private string Binaries => _binaries ?? throw new InvalidOperationException(
        $"the PostgreSQL server comes from {ConnectionVariable}; this fixture cannot stop or start it");

    /// <summary>Stops the server (immediately: nothing in it is kept) and removes its files.</summary>
    public void Dispose()
    {
        if (_directory is null || _binaries is null)
        {
            return;
        }
        try
        {
            Run(Path.Combine(_binaries, "pg_ctl"), ["-D", Path.Combine(_directory, "data"), "-m", "immediate", "-w", "stop"], asPostgres: true);
        }
        catch (InvalidOperationException)
        {
            // Already stopped; the files go anyway.
        }
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    private static string? FindBinaries() =>
        Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql")
                .Select(d => Path.Combine(d, "bin"))
                .Where(d => File.Exists(Path.Combine(d, "initdb")))
                .OrderByDescending(d => int.TryParse(Path.GetFileName(Path.GetDirectoryName(d)), out var v) ? v : 0)
                .FirstOrDefault()
            : null;

    private static void Run(string program, IReadOnlyList<string> args, bool asPostgres = false)
    {
        var start = new ProcessStartInfo(asPostgres && IsRoot ? "runuser" : program)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = "/tmp",
        };
        if (asPostgres && IsRoot)
        {
            foreach (var arg in (string[])["-u", "postgres", "--", program])
            {
                start.ArgumentList.Add(arg);
            }
        }
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} failed ({process.ExitCode}): {stderr}{stdout.Result}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
