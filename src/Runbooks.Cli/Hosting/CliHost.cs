using Microsoft.Extensions.Configuration;
using Runbooks.Actions;
using Runbooks.Core.Actions;
using Runbooks.Core.Diagnostics;
using Runbooks.Core.Inventory;
using Runbooks.Core.Engine;
using Runbooks.Core.Journal;
using Runbooks.Core.Scheduling;
using Runbooks.Core.Templates;
using Runbooks.Core.Validation;
using Runbooks.Storage;
using Runbooks.Transports;
using Serilog;

namespace Runbooks.Cli.Hosting;

/// <summary>
/// The composition root of the <c>runbooks</c> command: configuration (appsettings.json from the current folder,
/// else beside the executable, or <c>--config</c>), Serilog, the actions, the template engine and the engine.
/// </summary>
internal sealed class CliHost : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = Timeout.InfiniteTimeSpan };
    private readonly List<IDisposable> _owned = [];

    public CliHost(string? configPath)
    {
        (Configuration, ConfigurationFile) = LoadConfiguration(configPath);
        Settings = CliSettings.From(Configuration);
        Templates = new ScribanTemplateEngine(Settings.Templates);
        Actions = new ActionRegistry(BuiltInActions.Create(_http));
        // Maintenance settings with problems do not stop commands that do not need them; those that do report them.
        Maintenance = MaintenanceCalendar.Load(Configuration.GetSection("Runbooks:Maintenance").AsEnumerable(), ConfigurationFile ?? "the configuration");
        Loader = new RunbookLoader(Actions, Templates, Maintenance.WindowNames);
    }

    public IConfiguration Configuration { get; }

    /// <summary>The settings file read, or null when there is none.</summary>
    public string? ConfigurationFile { get; }

    /// <summary>The maintenance windows and freezes (<c>Runbooks:Maintenance</c>), with any problem in them.</summary>
    public MaintenanceSettings Maintenance { get; }

    public CliSettings Settings { get; }

    public ITemplateEngine Templates { get; }

    public ActionRegistry Actions { get; }

    public RunbookLoader Loader { get; }

    /// <summary>Serilog from the <c>Serilog</c> section; console events go to stderr so stdout stays for results.</summary>
    public ILogger CreateLogger(bool verbose)
    {
        var config = new LoggerConfiguration().ReadFrom.Configuration(Configuration);
        if (verbose)
        {
            config.MinimumLevel.Debug();
        }
        return config.CreateLogger();
    }

    /// <summary>
    /// The inventory: the file given, else the one configured (Runbooks:Inventory), else none. A configured file that
    /// does not exist means no inventory; one that exists must be valid.
    /// </summary>
    public (InventoryDefinition? Inventory, IReadOnlyList<Diagnostic> Problems, string? Path) LoadInventory(string? file = null)
    {
        var path = file ?? Settings.Inventory;
        if (path is null || (file is null && !File.Exists(path)))
        {
            return (null, [], path);
        }
        var (inventory, problems) = InventoryLoader.LoadFile(path);
        return (inventory, problems, path);
    }

    /// <summary>
    /// Opens the run journal the settings name (Runbooks:Storage) and applies any missing schema migration; the caller
    /// disposes it, which writes what is still queued.
    /// </summary>
    public Task<JournalStore> OpenStoreAsync(CancellationToken cancellationToken, string role = "cli") =>
        JournalStore.OpenAsync(Settings.Storage.CreateDatabase(),
            JournalOwner.ForThisProcess(role, TimeSpan.FromSeconds(Settings.Storage.RunLeaseSeconds)), cancellationToken);

    /// <summary>An engine over this host's services; SSH connections it opens close when the host is disposed.</summary>
    /// <summary>
    /// Host locks in the journal's database (Runbooks:Locks: WaitTimeout, LeaseTtl as hh:mm:ss), so this process and
    /// every worker on the same journal take turns per host. Bad settings are an error naming the key.
    /// </summary>
    public Runbooks.Storage.Locks.SqlTargetLocks CreateLocks(JournalStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var options = Settings.Locks.EnsureValid();
        return new Runbooks.Storage.Locks.SqlTargetLocks(store.Database, options);
    }


    public RunEngine CreateEngine(ILogger log, IRunJournal journal, InventoryDefinition? inventory = null, Runbooks.Core.Locks.ITargetLocks? locks = null,
        string? workerName = null, TimeSpan? suspendWaitsLongerThan = null)
    {
        var executors = new TransportRouter(inventory, Settings.Ssh);
        _owned.Add(executors);
        return new(new EngineServices
        {
            Inventory = inventory,
            Actions = Actions,
            Templates = Templates,
            Journal = journal,
            Executors = executors,
            Loader = Loader,
            Log = log,
            MaxOutputBytes = Settings.MaxOutputBytes,
            Locks = locks,
            LockWaitTimeout = Settings.Locks.WaitTimeout,
            WorkerName = workerName ?? $"cli:{Environment.MachineName}:{Environment.ProcessId}",
            SuspendWaitsLongerThan = suspendWaitsLongerThan,
        });
    }

    private static (IConfigurationRoot Configuration, string? File) LoadConfiguration(string? configPath)
    {
        var path = configPath ?? new[]
        {
            Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"),
            Path.Combine(AppContext.BaseDirectory, "appsettings.json"),
        }.FirstOrDefault(File.Exists);
        var builder = new ConfigurationBuilder();
        if (path is not null)
        {
            builder.AddJsonFile(Path.GetFullPath(path), optional: configPath is null, reloadOnChange: false);
        }
        else
        {
            // No file anywhere: readable console logs on stderr, nothing else.
            builder.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Serilog:Using:0"] = "Serilog.Sinks.Console",
                ["Serilog:WriteTo:0:Name"] = "Console",
                ["Serilog:WriteTo:0:Args:standardErrorFromLevel"] = "Verbose",
                ["Serilog:WriteTo:0:Args:outputTemplate"] = "{Timestamp:HH:mm:ss} {Level:u3} {Message:lj}{NewLine}{Exception}",
            });
        }
        // Environment variables override the file (Runbooks__Storage__Provider=postgresql), as in any .NET service.
        builder.AddEnvironmentVariables();
        return (builder.Build(), path);
    }

    public void Dispose()
    {
        _owned.ForEach(owned => owned.Dispose());
        _http.Dispose();
    }
}
