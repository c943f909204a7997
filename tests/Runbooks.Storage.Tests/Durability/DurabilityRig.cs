using Runbooks.Actions;
using Runbooks.Core.Actions;
using Runbooks.Core.Engine;
using Runbooks.Core.Model;
using Runbooks.Core.Templates;
using Runbooks.Core.Validation;
using Runbooks.Transports.Local;
using Serilog;

namespace Runbooks.Storage.Tests.Durability;

/// <summary>One "worker": a journal store under its own owner name, an engine over it, and the continuation path.</summary>
internal sealed class DurabilityRig : IAsyncDisposable
{
    private readonly HttpClient _http = new();

    private DurabilityRig(JournalStore store, GateAction gate, TimeSpan? suspendWaits)
    {
        Store = store;
        Gate = gate;
        var actions = new ActionRegistry([.. BuiltInActions.Create(_http), gate]);
        var templates = new ScribanTemplateEngine();
        Loader = new RunbookLoader(actions, templates);
        Engine = new RunEngine(new EngineServices
        {
            Actions = actions, Templates = templates, Journal = store.Journal, Executors = new LocalExecutorFactory(), Loader = Loader,
            Log = new LoggerConfiguration().CreateLogger(), SuspendWaitsLongerThan = suspendWaits,
        });
    }

    public JournalStore Store { get; }
    public GateAction Gate { get; }
    public RunbookLoader Loader { get; }
    public RunEngine Engine { get; }
    public RunContinuation Continuation => new(Store, Loader, Engine);

    public static async Task<DurabilityRig> OpenAsync(JournalDatabase database, string owner, GateAction gate, TimeSpan? lease = null, TimeSpan? suspendWaits = null) =>
        new(await JournalStore.OpenAsync(database, new JournalOwner(owner, lease ?? TimeSpan.FromSeconds(1)), CancellationToken.None), gate, suspendWaits);

    public RunbookDefinition Load(string yaml)
    {
        var loaded = Loader.LoadText(yaml, "durable.yaml");
        Assert.True(loaded.IsValid, string.Join(Environment.NewLine, loaded.Diagnostics));
        return loaded.Runbook!;
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        _http.Dispose();
    }
}
