using System.Globalization;

namespace Runbooks.DurableBench.Harness;

/// <summary>
/// Where the helper processes come from and what they share: the PostgreSQL connection string, a work folder with
/// the workers' appsettings.json (console log at Warning, so the numbers are not the console's), the product's
/// <c>runbooks.dll</c> and this executable.
/// </summary>
internal sealed class BenchEnvironment
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    public BenchEnvironment(string connectionString, string workDirectory)
    {
        ConnectionString = connectionString;
        WorkDirectory = workDirectory;
        File.WriteAllText(Path.Combine(workDirectory, "appsettings.json"), """
            {
              "Runbooks": {
                "Inventory": "none.yaml",
                "Storage": { "Provider": "postgresql", "PostgreSql": { "ConnectionStringEnv": "RUNBOOKS_POSTGRES" } }
              },
              "Serilog": {
                "Using": [ "Serilog.Sinks.Console" ],
                "MinimumLevel": { "Default": "Warning" },
                "WriteTo": [ { "Name": "Console", "Args": { "standardErrorFromLevel": "Verbose" } } ]
              }
            }
            """);
        Directory.CreateDirectory(EmptyWorkflows);
    }

    public string ConnectionString { get; }

    public string WorkDirectory { get; }

    private string EmptyWorkflows => Path.Combine(WorkDirectory, "no-workflows");

    /// <summary>This executable (the helper roles).</summary>
    private static string SelfDll => typeof(BenchEnvironment).Assembly.Location;

    /// <summary>The product CLI, built beside this project (a project reference without its assembly).</summary>
    private static string RunbooksDll
    {
        get
        {
            // bench/durable/Runbooks.DurableBench/bin/<Configuration>/net10.0/ -> src/Runbooks.Cli/bin/<Configuration>/net10.0/
            var output = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = output.Parent!.Name;
            var repo = output.Parent.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
            var dll = Path.Combine(repo, "src", "Runbooks.Cli", "bin", configuration, output.Name, "runbooks.dll");
            return File.Exists(dll) ? dll : throw new InvalidOperationException($"{dll} is missing: build src/Runbooks.Cli -c {configuration} first");
        }
    }

    /// <summary>Starts a <c>runbooks serve</c> process and waits until it serves.</summary>
    public async Task<ChildProcess> StartServeAsync(string schema, int workers, string? inventory = null)
    {
        var environment = new Dictionary<string, string>
        {
            ["RUNBOOKS_POSTGRES"] = ConnectionString,
            ["Runbooks__Storage__PostgreSql__Schema"] = schema,
            ["Runbooks__Workers__HangfireSchema"] = HangfireSchemaOf(schema),
            ["Runbooks__Inventory"] = inventory ?? "none.yaml",
        };
        var serve = ChildProcess.StartDll($"runbooks serve ({schema})", RunbooksDll,
            ["serve", "--workflows", EmptyWorkflows, "--workers", workers.ToString(CultureInfo.InvariantCulture), "--no-http"], WorkDirectory, environment);
        await serve.WaitForLineAsync("runbooks serve: worker", StartTimeout).ConfigureAwait(false);
        return serve;
    }

    /// <summary>Queues <paramref name="count"/> runs from another process and waits until it has.</summary>
    public async Task EnqueueRunsAsync(string schema, string runbooks, int count, double rate, string? inventory = null)
    {
        List<string> args = ["run-enqueue", "--conn", ConnectionString, "--schema", schema, "--hangfire-schema", HangfireSchemaOf(schema),
            "--runbooks", runbooks, "--count", Invariant(count), "--rate", Invariant(rate)];
        if (inventory is not null)
        {
            args.AddRange(["--inventory", inventory]);
        }
        await using var enqueuer = ChildProcess.StartDll("run enqueuer", SelfDll, args, WorkDirectory);
        await enqueuer.WaitForSuccessAsync(TimeSpan.FromMinutes(10)).ConfigureAwait(false);
    }

    /// <summary>Enqueues bare Hangfire no-op jobs from another process and waits until it has.</summary>
    public async Task EnqueueNoopsAsync(string hangfireSchema, int count, double rate)
    {
        await using var enqueuer = ChildProcess.StartDll("no-op enqueuer", SelfDll,
            ["noop-enqueue", "--conn", ConnectionString, "--hangfire-schema", hangfireSchema, "--count", Invariant(count), "--rate", Invariant(rate)], WorkDirectory);
        await enqueuer.WaitForSuccessAsync(TimeSpan.FromMinutes(10)).ConfigureAwait(false);
    }

    /// <summary>Starts a bare Hangfire server that exits after <paramref name="expect"/> no-op jobs, writing their times.</summary>
    public async Task<(ChildProcess Server, string TimesFile)> StartNoopServerAsync(string hangfireSchema, int workers, int expect)
    {
        var times = Path.Combine(WorkDirectory, $"{hangfireSchema}.times");
        var server = ChildProcess.StartDll("bare Hangfire server", SelfDll,
            ["noop-serve", "--conn", ConnectionString, "--hangfire-schema", hangfireSchema, "--workers", Invariant(workers), "--expect", Invariant(expect),
             "--out", times, "--timeout", "600"], WorkDirectory);
        await server.WaitForLineAsync("ready", StartTimeout).ConfigureAwait(false);
        return (server, times);
    }

    /// <summary>The Hangfire schema that goes with a journal schema.</summary>
    public static string HangfireSchemaOf(string schema) => $"{schema}_hangfire";

    private static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
