using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;

namespace Runbooks.Testing.Alertmanager;

/// <summary>
/// A real Prometheus Alertmanager (Debian package <c>prometheus-alertmanager</c>) on 127.0.0.1 and a free port, with
/// clustering off (no 0.0.0.0:9094), its storage in a temporary directory and a generated <c>alertmanager.yml</c> that
/// routes every alert to one webhook (<see cref="AlertmanagerOptions.WebhookUrl"/>). Alerts go in through
/// Alertmanager's own API v2 (<see cref="PostAlertsAsync"/>), the way Prometheus sends them, and come out as real
/// version-4 webhook notifications. The generated config is checked with <c>amtool check-config</c> first, so a bad one
/// fails with Alertmanager's own message. Its log is in <see cref="LogText"/>; disposing stops it and removes the files.
/// </summary>
public sealed class AlertmanagerFixture : IAsyncDisposable
{
    /// <summary>The Alertmanager binary the Debian package installs.</summary>
    public const string BinaryPath = "/usr/bin/prometheus-alertmanager";

    /// <summary>Alertmanager's config checker, from the same package.</summary>
    public const string AmtoolPath = "/usr/bin/amtool";

    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(30);
    private static readonly Lazy<string> InstalledVersion = new(ReadVersion);

    private readonly Process _process;
    private readonly StringBuilder _log;
    private readonly HttpClient _http;

    private AlertmanagerFixture(string directory, string configText, int port, Process process, StringBuilder log)
    {
        Directory = directory;
        ConfigText = configText;
        Port = port;
        _process = process;
        _log = log;
        _http = new HttpClient { BaseAddress = new Uri(BaseUrl + "/"), Timeout = TimeSpan.FromSeconds(30) };
    }

    /// <summary>The temporary directory holding the config and the storage.</summary>
    public string Directory { get; }

    /// <summary>The generated config file.</summary>
    public string ConfigFile => Path.Combine(Directory, "alertmanager.yml");

    /// <summary>The generated config's text (it contains the webhook credentials; tests only).</summary>
    public string ConfigText { get; }

    /// <summary>The port Alertmanager listens on (127.0.0.1 only).</summary>
    public int Port { get; }

    /// <summary>Alertmanager's URL, e.g. <c>http://127.0.0.1:43123</c>; also its <c>externalURL</c> in every payload.</summary>
    public string BaseUrl => $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The Alertmanager process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>Alertmanager's output so far (it logs to stderr), for failure messages.</summary>
    public string LogText
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>
    /// The installed version as <c>prometheus-alertmanager --version</c> prints it on its first line, e.g.
    /// <c>alertmanager, version 0.25.0 (branch: debian/sid, revision: 0.25.0-1+b4)</c>.
    /// </summary>
    public static string Version => InstalledVersion.Value;

    /// <summary>
    /// Writes the config for <paramref name="options"/>, checks it, starts Alertmanager and waits until
    /// <c>/-/ready</c> answers 200. Throws <see cref="InvalidOperationException"/> with amtool's verdict for a bad
    /// config, or with Alertmanager's output if it exits or is not ready within 30 s.
    /// </summary>
    public static async Task<AlertmanagerFixture> StartAsync(AlertmanagerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.WebhookUrl);
        RequireInstalled();
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("the Alertmanager fixture runs Debian's prometheus-alertmanager, on Linux");
        }
        var directory = System.IO.Directory.CreateTempSubdirectory("runbooks-alertmanager-").FullName;
        try
        {
            // The config holds the webhook's credentials: only this user may read it.
            File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            var configText = AlertmanagerConfig.Render(options);
            var configFile = Path.Combine(directory, "alertmanager.yml");
            await File.WriteAllTextAsync(configFile, configText, cancellationToken);
            await CheckConfigAsync(configFile, configText, cancellationToken);
            return await LaunchAsync(directory, configText, options, cancellationToken);
        }
        catch
        {
            TryDelete(directory);
            throw;
        }
    }

    /// <summary>
    /// Posts alerts to <c>/api/v2/alerts</c>. Throws <see cref="InvalidOperationException"/> with Alertmanager's answer
    /// when it refuses them (e.g. "at least one label pair required", "start time must be before end time").
    /// </summary>
    public async Task PostAlertsAsync(IReadOnlyList<AlertmanagerAlert> alerts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        using var response = await _http.PostAsJsonAsync("api/v2/alerts", alerts, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new InvalidOperationException(
                $"Alertmanager refused the alerts: {(int)response.StatusCode} {response.StatusCode}: {body.Trim()}");
        }
    }

    /// <summary>
    /// Resolves alerts: posts them again (same labels, so the same fingerprints) with <c>endsAt</c> set to now where
    /// they have none. Post the same annotations as when they fired: Alertmanager keeps the latest ones, and the resolved
    /// notification shows those.
    /// </summary>
    public Task ResolveAsync(IReadOnlyList<AlertmanagerAlert> alerts, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        // Alertmanager compares endsAt with its own clock, the real one on this machine: a fake TimeProvider has no say.
        var now = TimeProvider.System.GetUtcNow();
        return PostAlertsAsync([.. alerts.Select(alert => alert.EndsAt is null ? alert with { EndsAt = now } : alert)], cancellationToken);
    }

    /// <summary>The alerts Alertmanager holds (<c>GET /api/v2/alerts</c>): firing ones, not those resolved.</summary>
    public async Task<IReadOnlyList<AlertmanagerActiveAlert>> GetAlertsAsync(CancellationToken cancellationToken = default) =>
        await _http.GetFromJsonAsync<List<AlertmanagerActiveAlert>>("api/v2/alerts", cancellationToken)
        ?? throw new InvalidOperationException("Alertmanager answered GET /api/v2/alerts with null");

    /// <summary>The sockets the Alertmanager process listens on (TCP) or has bound (UDP), from /proc.</summary>
    public IReadOnlyList<ListeningSocket> ListeningSockets() => ProcessSockets.Listening(_process.Id);

    /// <summary>Stops Alertmanager (kills its process tree) and removes the directory.</summary>
    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await StopAsync(_process);
        _process.Dispose();
        TryDelete(Directory);
    }

    private static async Task<AlertmanagerFixture> LaunchAsync(string directory, string configText, AlertmanagerOptions options, CancellationToken cancellationToken)
    {
        // The port is free when we ask and taken when Alertmanager binds it only if another process grabbed it in
        // between: start again on a new one then.
        for (var attempt = 1; ; attempt++)
        {
            var port = FreePort();
            var log = new StringBuilder();
            var process = Start(directory, options, port, log);
            var fixture = new AlertmanagerFixture(directory, configText, port, process, log);
            try
            {
                await fixture.WaitUntilReadyAsync(cancellationToken);
                return fixture;
            }
            catch (InvalidOperationException) when (attempt < 5 && fixture.LogText.Contains("address already in use", StringComparison.Ordinal))
            {
                fixture._http.Dispose();
                await StopAsync(process);
                process.Dispose();
            }
            catch
            {
                fixture._http.Dispose();
                await StopAsync(process);
                process.Dispose();
                throw;
            }
        }
    }

    private static Process Start(string directory, AlertmanagerOptions options, int port, StringBuilder log)
    {
        var address = $"127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        var info = new ProcessStartInfo(BinaryPath)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = directory,
            ArgumentList =
            {
                "--config.file=" + Path.Combine(directory, "alertmanager.yml"),
                "--storage.path=" + Path.Combine(directory, "data"),
                "--web.listen-address=" + address,
                // Otherwise the payloads' externalURL is derived from the machine's host name.
                "--web.external-url=http://" + address,
                // Empty turns clustering (HA gossip) off; its default binds 0.0.0.0:9094, TCP and UDP.
                "--cluster.listen-address=",
                "--log.level=" + options.LogLevel,
            },
        };
        var process = new Process { StartInfo = info };
        DataReceivedEventHandler append = (_, line) =>
        {
            if (line.Data is not null)
            {
                lock (log)
                {
                    log.AppendLine(line.Data);
                }
            }
        };
        process.OutputDataReceived += append;
        process.ErrorDataReceived += append;
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.StartNew();
        while (started.Elapsed < StartTimeout)
        {
            if (_process.HasExited)
            {
                // Let the output readers drain what it wrote before it exited.
                await _process.WaitForExitAsync(cancellationToken);
                throw new InvalidOperationException(
                    $"Alertmanager exited with code {_process.ExitCode.ToString(CultureInfo.InvariantCulture)} before it was ready on {BaseUrl}; its output:\n{LogText}");
            }
            try
            {
                using var response = await _http.GetAsync("-/ready", cancellationToken);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(50, cancellationToken);
        }
        throw new InvalidOperationException(
            $"Alertmanager was not ready on {BaseUrl}/-/ready within {StartTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s; its output:\n{LogText}");
    }

    private static async Task CheckConfigAsync(string configFile, string configText, CancellationToken cancellationToken)
    {
        if (!File.Exists(AmtoolPath))
        {
            // Alertmanager validates the file itself at start and exits with the same message; amtool only says it first.
            return;
        }
        var (exitCode, output) = await RunAsync(AmtoolPath, ["check-config", configFile], cancellationToken);
        if (exitCode != 0)
        {
            throw new InvalidOperationException(
                $"the generated alertmanager.yml is invalid; amtool check-config says:\n{output.Trim()}\nthe config:\n{configText}");
        }
    }

    private static void RequireInstalled()
    {
        if (!File.Exists(BinaryPath))
        {
            throw new InvalidOperationException(
                $"{BinaryPath} is missing: the alert tests need a real Alertmanager; install the Debian package prometheus-alertmanager (apt-get install -y --no-install-recommends prometheus-alertmanager, with policy-rc.d keeping its service stopped, as .ci/test.sh does)");
        }
    }

    private static string ReadVersion()
    {
        RequireInstalled();
        var (exitCode, output) = RunAsync(BinaryPath, ["--version"], CancellationToken.None).GetAwaiter().GetResult();
        var first = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? "";
        return exitCode == 0 && first.Length > 0
            ? first
            : throw new InvalidOperationException($"{BinaryPath} --version failed ({exitCode.ToString(CultureInfo.InvariantCulture)}): {output}");
    }

    private static async Task<(int ExitCode, string Output)> RunAsync(string program, IReadOnlyList<string> args, CancellationToken cancellationToken)
    {
        var info = new ProcessStartInfo(program) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static async Task StopAsync(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // Already exited.
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // SIGKILL was sent; a process that outlives it is the kernel's business, not a test's.
        }
    }

    private static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static void TryDelete(string directory)
    {
        try
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
        catch (UnauthorizedAccessException)
        {
            // Likewise.
        }
    }
}
