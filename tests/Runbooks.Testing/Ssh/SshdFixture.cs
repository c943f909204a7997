using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Runbooks.Core.Inventory;
using Runbooks.Transports.Ssh;

namespace Runbooks.Testing.Ssh;

/// <summary>
/// A real OpenSSH server on 127.0.0.1 and a free port, with throwaway host and client keys in a temporary directory,
/// for tests of the SSH transport. Requires <c>/usr/sbin/sshd</c> (Debian/Ubuntu package <c>openssh-server</c>) and
/// runs as the current user (root in CI), who may log in with the client key. Its log is in <see cref="LogText"/>.
/// </summary>
public sealed class SshdFixture : IDisposable
{
    /// <summary>The sshd binary the fixture runs.</summary>
    public const string SshdPath = "/usr/sbin/sshd";

    private readonly Process _sshd;

    /// <summary>Starts sshd with the default options and waits until it accepts connections.</summary>
    public SshdFixture()
        : this(new SshdOptions())
    {
    }

    /// <summary>
    /// Starts sshd with <paramref name="options"/> and waits until it accepts connections. (A factory, because xunit
    /// class fixtures may have only one public constructor.)
    /// </summary>
    public static SshdFixture Start(SshdOptions options) => new(options);

    private SshdFixture(SshdOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!File.Exists(SshdPath))
        {
            throw new InvalidOperationException(
                $"{SshdPath} is missing: the SSH tests need a real OpenSSH server; install the package openssh-server (apt-get install -y openssh-server)");
        }
        Directory = System.IO.Directory.CreateTempSubdirectory("runbooks-sshd-").FullName;
        HostKeyFile = Path.Combine(Directory, "host_ed25519");
        ClientKeyFile = Path.Combine(Directory, "client_ed25519");
        LogFile = Path.Combine(Directory, "sshd.log");
        KeyGen(HostKeyFile);
        KeyGen(ClientKeyFile);
        File.Copy(ClientKeyFile + ".pub", Path.Combine(Directory, "authorized_keys"));
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("the sshd fixture runs OpenSSH's sshd, on Linux");
        }
        // sshd reads authorized_keys as the user logging in: let other (unprivileged test) users read it. The private
        // keys stay 0600.
        File.SetUnixFileMode(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        File.SetUnixFileMode(Path.Combine(Directory, "authorized_keys"), UnixFileMode.UserRead | UnixFileMode.UserWrite
            | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var hostPub = File.ReadAllText(HostKeyFile + ".pub").Split(' ', StringSplitOptions.RemoveEmptyEntries);
        HostKeyBlob = Convert.FromBase64String(hostPub[1]);
        HostKeyFingerprint = Runbooks.Transports.Ssh.HostKeyFingerprint.Sha256(HostKeyBlob);
        Port = FreePort();
        KnownHostsLine = $"[127.0.0.1]:{Port.ToString(CultureInfo.InvariantCulture)} {hostPub[0]} {hostPub[1]}";
        var config = Path.Combine(Directory, "sshd_config");
        // One SetEnv line: sshd keeps only the first line of the keyword.
        // HOME is the fixture's directory unless a test says otherwise: bash reads ~/.bashrc for every command sshd
        // runs, and the login user's real one (pyenv, conda, nvm…) can cost seconds per command and print to stderr.
        var sessionEnvironment = new Dictionary<string, string>(options.Environment, StringComparer.Ordinal);
        sessionEnvironment.TryAdd("HOME", Directory);
        string[] environment = ["SetEnv " + string.Join(' ', sessionEnvironment.Select(pair => $"{pair.Key}=\"{pair.Value}\""))];
        File.WriteAllLines(config,
        [
            .. options.ExtraConfig,
            .. environment,
            "ListenAddress 127.0.0.1",
            $"Port {Port.ToString(CultureInfo.InvariantCulture)}",
            $"HostKey {HostKeyFile}",
            $"PidFile {Path.Combine(Directory, "sshd.pid")}",
            $"AuthorizedKeysFile {Path.Combine(Directory, "authorized_keys")}",
            "StrictModes no",
            "UsePAM no",
            $"PasswordAuthentication {(options.PasswordAuthentication ? "yes" : "no")}",
            "KbdInteractiveAuthentication no",
            "PermitRootLogin prohibit-password",
            "Subsystem sftp none",
            "LogLevel VERBOSE",
        ]);
        // sshd refuses to start without its privilege separation directory.
        System.IO.Directory.CreateDirectory("/run/sshd");
        PidFile = Path.Combine(Directory, "sshd.pid");
        _sshd = Process.Start(StartInfo(options.BootIdFile, config)) ?? throw new InvalidOperationException("sshd did not start");
        _sshd.BeginOutputReadLine();
        _sshd.BeginErrorReadLine();
        WaitUntilListening();
    }

    /// <summary>The temporary directory holding keys, config and log.</summary>
    public string Directory { get; }

    /// <summary>The port sshd listens on (127.0.0.1 only).</summary>
    public int Port { get; }

    /// <summary>The server's ed25519 host private key file (its public key is beside it, <c>.pub</c>).</summary>
    public string HostKeyFile { get; }

    /// <summary>The host key blob (the base64-decoded key field of the <c>.pub</c> file).</summary>
    public byte[] HostKeyBlob { get; }

    /// <summary>The host key's SHA-256 fingerprint, as <c>ssh-keygen -lf</c> prints it.</summary>
    public string HostKeyFingerprint { get; }

    /// <summary>A known_hosts line for the server: <c>[127.0.0.1]:port ssh-ed25519 …</c>.</summary>
    public string KnownHostsLine { get; }

    /// <summary>The client private key (no passphrase) that authorized_keys accepts.</summary>
    public string ClientKeyFile { get; }

    /// <summary>sshd's PID file: the listening process, whose children are the sessions.</summary>
    public string PidFile { get; }

    /// <summary>sshd's log file.</summary>
    public string LogFile { get; }

    /// <summary>sshd's log so far, for failure messages.</summary>
    public string LogText => File.Exists(LogFile) ? File.ReadAllText(LogFile) : "";

    /// <summary>An inventory host for this server, logging in as the current user with the client key.</summary>
    public InventoryHost Host(string name = "sshd", IReadOnlyList<string>? hostKeys = null) => new()
    {
        Name = name,
        Address = "127.0.0.1",
        Port = Port,
        User = Environment.UserName,
        Credential = new CredentialReference { Name = "fixture", PrivateKeyFile = ClientKeyFile },
        HostKeys = hostKeys ?? [],
    };

    /// <summary>Stops sshd and removes the directory.</summary>
    public void Dispose()
    {
        try
        {
            _sshd.Kill(entireProcessTree: true);
            _sshd.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        _sshd.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    private ProcessStartInfo StartInfo(string? bootIdFile, string config)
    {
        string[] sshd = [SshdPath, "-D", "-e", "-f", config, "-E", LogFile];
        // unshare execs sh in a new mount namespace (no fork: the process is still sshd's), sh binds the file over the
        // boot id there only, then execs sshd; every session inherits the namespace.
        string[] command = bootIdFile is null ? sshd :
            ["unshare", "--mount", "--propagation", "private", "sh", "-c", "mount --bind \"$1\" /proc/sys/kernel/random/boot_id && shift && exec \"$@\"", "sh", bootIdFile, .. sshd];
        var info = new ProcessStartInfo(command[0])
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in command.Skip(1))
        {
            info.ArgumentList.Add(arg);
        }
        return info;
    }

    private static void KeyGen(string path)
    {
        using var keygen = Process.Start(new ProcessStartInfo("ssh-keygen")
        {
            ArgumentList = { "-q", "-t", "ed25519", "-N", "", "-C", "runbooks-test", "-f", path },
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("ssh-keygen did not start");
        var error = keygen.StandardError.ReadToEnd();
        keygen.WaitForExit();
        if (keygen.ExitCode != 0)
        {
            throw new InvalidOperationException($"ssh-keygen failed ({keygen.ExitCode}): {error}");
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void WaitUntilListening()
    {
        var deadline = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(deadline) < TimeSpan.FromSeconds(15))
        {
            if (_sshd.HasExited)
            {
                throw new InvalidOperationException($"sshd exited with {_sshd.ExitCode}; log:\n{LogText}");
            }
            try
            {
                using var client = new TcpClient();
                client.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(50);
            }
        }
        throw new InvalidOperationException($"sshd did not accept connections on 127.0.0.1:{Port} within 15s; log:\n{LogText}");
    }
}
