using Microsoft.Extensions.Time.Testing;
using Runbooks.Actions;
using Runbooks.Core.Actions;
using Runbooks.Core.Alerts;
using Runbooks.Core.Engine;
using Runbooks.Core.Inventory;
using Runbooks.Core.Model;
using Runbooks.Core.Scheduling;
using Runbooks.Core.Templates;
using Runbooks.Core.Validation;
using Runbooks.Storage.Alerts;
using Runbooks.Transports.Local;
using Serilog;

namespace Runbooks.Storage.Tests.Alerts;

/// <summary>One "server": a journal, alert intake over it on a fake clock, and the worker path that runs what it queues.</summary>
internal sealed class AlertRig : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 1, 7, 3, 0, 0, TimeSpan.Zero);

    private static readonly InventoryDefinition Inventory = new()
    {
        Hosts = [new InventoryHost { Name = "web-1", Address = "127.0.0.1" }, new InventoryHost { Name = "web-2", Address = "127.0.0.2" }],
        Groups = [],
        SourcePath = "inventory.yaml",
    };

    private readonly HttpClient _http = new();

    private AlertRig(JournalStore store, FakeTimeProvider time, IReadOnlyList<string> channels)
    {
        Store = store;
        Time = time;
        var actions = new ActionRegistry(BuiltInActions.Create(_http));
        var templates = new ScribanTemplateEngine();
        Loader = new RunbookLoader(actions, templates);
        Engine = new RunEngine(new EngineServices
        {
            Actions = actions, Templates = templates, Journal = store.Journal, Executors = new LocalExecutorFactory(), Loader = Loader, Inventory = Inventory,
            Time = time, Log = new LoggerConfiguration().CreateLogger(),
        });
        Alerts = new AlertStore(store, time);
        Intake = new AlertIntake(Alerts, new AlertPlanner(Engine, templates, MaintenanceCalendar.Empty), () => Runbooks,
            new AlertIntakeOptions { EscalationChannels = channels, QueueGrace = TimeSpan.FromMinutes(5) }, new LoggerConfiguration().CreateLogger());
    }

    public JournalStore Store { get; }
    public FakeTimeProvider Time { get; }
    public RunbookLoader Loader { get; }
    public RunEngine Engine { get; }
    public AlertStore Alerts { get; }
    public AlertIntake Intake { get; }
    public List<RunbookDefinition> Runbooks { get; } = [];

    public static async Task<AlertRig> OpenAsync(JournalDatabase database, FakeTimeProvider time, params string[] channels) =>
        new(await JournalStore.OpenAsync(database, new JournalOwner("worker", TimeSpan.FromSeconds(30)), CancellationToken.None), time, channels);

    public RunbookDefinition Add(string yaml)
    {
        var loaded = Loader.LoadText(yaml, $"{Runbooks.Count}.yaml");
        Assert.True(loaded.IsValid, string.Join(Environment.NewLine, loaded.Diagnostics));
        Runbooks.Add(loaded.Runbook!);
        return loaded.Runbook!;
    }

    /// <summary>An Alertmanager notification with one alert.</summary>
    public static string Notification(string instance, DateTimeOffset startsAt, string status = "firing", string alertname = "NginxDown", string? fingerprint = null) =>
        $$"""
        { "version": "4", "status": "{{status}}", "receiver": "runbooks", "groupKey": "g",
          "alerts": [ { "status": "{{status}}", "labels": { "alertname": "{{alertname}}", "instance": "{{instance}}" }, "annotations": {},
            "startsAt": "{{IncomingAlert.Instant(startsAt)}}", "fingerprint": "{{fingerprint ?? (alertname == "NginxDown" ? "fp-" + instance : $"fp-{alertname}-{instance}")}}" } ] }
        """;

    public async Task<StoredAlert> FireAsync(string instance, DateTimeOffset? startsAt = null, string status = "firing", string alertname = "NginxDown") =>
        Assert.Single((await Intake.ReceiveAlertmanagerAsync(Notification(instance, startsAt ?? Start, status, alertname), CancellationToken.None)).Alerts);

    /// <summary>Runs a queued run to its end on this process, as a worker's job would.</summary>
    public Task<RunResult?> RunAsync(string runId) =>
        new RunContinuation(Store, Loader, Engine).ContinueAsync(runId, new ContinueOptions { By = "worker" }, CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await Alerts.DisposeAsync();
        await Store.DisposeAsync();
        _http.Dispose();
    }
}
