using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Runbooks.AlertBench.Harness;

namespace Runbooks.AlertBench.Scenarios;

/// <summary>
/// One storage set-up of <c>runbooks serve</c>: the embedded default (SQLite journal, Hangfire.InMemory) or PostgreSQL
/// (journal and Hangfire.PostgreSql in their own schemas). Each gets its own work folder with an appsettings.json
/// (console log at Warning, so the numbers are not the console's), an operator key made with
/// <c>runbooks keys create</c> before serve starts, and one serve process on a free loopback port.
/// </summary>
internal sealed partial class ServeBackend
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private ServeBackend(string label, string directory, string? postgres, string schema)
    {
        (Label, Directory, PostgreSql, Schema) = (label, directory, postgres, schema);
        System.IO.Directory.CreateDirectory(directory);
        var storage = postgres is null
            ? new Dictionary<string, object> { ["Provider"] = "sqlite", ["Sqlite"] = new Dictionary<string, string> { ["Path"] = SqlitePath } }
            : new Dictionary<string, object> { ["Provider"] = "postgresql", ["PostgreSql"] = new Dictionary<string, string> { ["ConnectionStringEnv"] = "RUNBOOKS_POSTGRES", ["Schema"] = schema } };
        var settings = new Dictionary<string, object>
        {
            ["Runbooks"] = new Dictionary<string, object>
            {
                ["Inventory"] = "none.yaml",
                ["Storage"] = storage,
                ["Workers"] = new Dictionary<string, object> { ["HangfireSchema"] = $"{schema}_hangfire" },
            },
            ["Serilog"] = new Dictionary<string, object>
            {
                ["Using"] = new[] { "Serilog.Sinks.Console" },
                ["MinimumLevel"] = new Dictionary<string, string> { ["Default"] = "Warning" },
                ["WriteTo"] = new[] { new Dictionary<string, object> { ["Name"] = "Console", ["Args"] = new Dictionary<string, string> { ["standardErrorFromLevel"] = "Verbose" } } },
            },
        };
        File.WriteAllText(Path.Combine(directory, "appsettings.json"), JsonSerializer.Serialize(settings));
    }

    /// <summary>What the tables call it.</summary>
    public string Label { get; }

    public string Directory { get; }

    /// <summary>The PostgreSQL connection string, or null for the embedded default.</summary>
    public string? PostgreSql { get; }

    public string Schema { get; }

    private string SqlitePath => Path.Combine(Directory, "runbooks.db");

    public static ServeBackend Embedded(string work) => new("embedded (SQLite + Hangfire.InMemory)", Path.Combine(work, "embedded"), null, "runbooks");

    public static ServeBackend OnPostgreSql(string work, string connectionString) =>
        new("PostgreSQL (Hangfire.PostgreSql)", Path.Combine(work, "postgresql"), connectionString, "alertbench");

    /// <summary>The journal this backend's server writes, for reading its timestamps back.</summary>
    public AlertJournal Journal() => PostgreSql is null ? AlertJournal.Sqlite(SqlitePath) : AlertJournal.Postgres(PostgreSql, Schema);

    /// <summary>Makes the operator key, starts <c>runbooks serve</c> and waits until it prints where its API listens.</summary>
    public async Task<RunningServe> StartAsync(string workflows)
    {
        var environment = PostgreSql is null ? new Dictionary<string, string>() : new Dictionary<string, string> { ["RUNBOOKS_POSTGRES"] = PostgreSql };
        string key;
        await using (var keys = ChildProcess.Start("runbooks keys create", "dotnet", [RunbooksDll, "keys", "create", "--name", "bench", "--role", "operator"], Directory, environment))
        {
            await keys.WaitForSuccessAsync(StartTimeout).ConfigureAwait(false);
            key = keys.StandardOutput.Trim();
            if (!key.StartsWith("rbk_", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"runbooks keys create printed no key on stdout:\n{keys.Output}");
            }
        }
        var serve = ChildProcess.Start($"runbooks serve ({Label})", "dotnet", [RunbooksDll, "serve", "--workflows", workflows, "--urls", "http://127.0.0.1:0"], Directory, environment);
        try
        {
            var line = await serve.WaitForLineAsync("API on ", StartTimeout).ConfigureAwait(false);
            var api = ApiAddress().Match(line) is { Success: true } match
                ? new Uri(match.Groups[1].Value)
                : throw new InvalidOperationException($"runbooks serve printed no 'API on http://127.0.0.1:NNNN': {line}");
            return new RunningServe(serve, api, key);
        }
        catch
        {
            await serve.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>The product CLI, built beside this project (a project reference without its assembly).</summary>
    private static string RunbooksDll
    {
        get
        {
            // bench/alerts/Runbooks.AlertBench/bin/<Configuration>/net10.0/ -> src/Runbooks.Cli/bin/<Configuration>/net10.0/
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var dll = Path.Combine(DocsSection.RepositoryRoot(), "src", "Runbooks.Cli", "bin", output.Parent!.Name, output.Name, "runbooks.dll");
            return File.Exists(dll) ? dll : throw new InvalidOperationException(
                string.Create(CultureInfo.InvariantCulture, $"{dll} is missing: build src/Runbooks.Cli -c {output.Parent.Name} first (bench/alerts/run.sh does)"));
        }
    }

    [GeneratedRegex(@"API on (http://127\.0\.0\.1:[0-9]+)")]
    private static partial Regex ApiAddress();
}
