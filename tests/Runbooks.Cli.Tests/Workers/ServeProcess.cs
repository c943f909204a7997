using System.Text.RegularExpressions;
using Runbooks.Cli.Tests.TestSupport;

namespace Runbooks.Cli.Tests.Workers;

/// <summary>
/// One real <c>runbooks serve</c> process, started and waited for until it says which worker it is; dispose kills it
/// if the test did not stop it.
/// </summary>
internal sealed partial class ServeProcess : IDisposable
{
    // A hang guard, not a timing assertion.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly CliProcess _process;

    private ServeProcess(CliProcess process, string name, Uri? api) => (_process, Name, Api) = (process, name, api);

    /// <summary>Where its HTTP API listens (a free loopback port), or null when started without it.</summary>
    public Uri? Api { get; }

    /// <summary>The worker's name as the journal records it (run owner, <c>run.resumed</c> events).</summary>
    public string Name { get; }

    public int Pid => _process.Id;

    public string Stderr => _process.Stderr;

    /// <summary>
    /// Starts <c>runbooks serve -w <paramref name="workflows"/> --workers N</c> with its HTTP API on a free loopback port
    /// (or none, <paramref name="http"/> false) and waits until it serves.
    /// </summary>
    public static async Task<ServeProcess> StartAsync(TempWorkDir dir, IReadOnlyDictionary<string, string?> env, string workflows, int workers = 8, bool http = true)
    {
        var process = CliProcess.Start(dir, env, ["serve", "-w", workflows, "--workers", workers.ToString(System.Globalization.CultureInfo.InvariantCulture),
            .. http ? new[] { "--urls", "http://127.0.0.1:0" } : ["--no-http"]]);
        try
        {
            await process.WaitForStderrAsync("runbooks serve: worker ", StartTimeout);
        }
        catch
        {
            process.Dispose();
            throw;
        }
        var name = WorkerName().Match(process.Stderr).Groups[1].Value;
        var api = ApiAddress().Match(process.Stderr) is { Success: true } found ? new Uri(found.Groups[1].Value) : null;
        return new ServeProcess(process, name, api);
    }

    /// <summary>Waits until the worker's log contains <paramref name="text"/>.</summary>
    public Task WaitForStderrAsync(string text, TimeSpan timeout) => _process.WaitForStderrAsync(text, timeout);

    /// <summary>SIGKILL: the process dies at once, as on a power cut of its machine (the database stays up).</summary>
    public async Task KillAsync()
    {
        _process.Signal("KILL");
        await _process.WaitForExitAsync(StartTimeout);
    }

    /// <summary>SIGTERM, then waits for the drain to end; returns how the process ended.</summary>
    public async Task<CliResult> TerminateAsync()
    {
        _process.Signal("TERM");
        return await _process.WaitForExitAsync(StartTimeout);
    }

    public void Dispose() => _process.Dispose();

    [GeneratedRegex(@"runbooks serve: worker (\S+) on the")]
    private static partial Regex WorkerName();

    [GeneratedRegex(@"; API on (http://127\.0\.0\.1:[0-9]+)")]
    private static partial Regex ApiAddress();
}
