using Microsoft.Extensions.Configuration;
using Runbooks.Core.Alerts;
using Runbooks.Core.Engine;
using Runbooks.Core.Scheduling;
using Runbooks.Core.Templates;
using Runbooks.Core.Validation;
using Runbooks.Storage;
using Runbooks.Storage.Alerts;
using Serilog;

namespace Runbooks.Server.Alerts;

/// <summary>
/// Alert intake of one server process: the intake the endpoints call, the breaker bookkeeping when a run ends, and the
/// escalation sender working through the outbox in the background (webhook and e-mail, <c>Runbooks:Alerts:Escalation</c>).
/// </summary>
public sealed class AlertServices : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sender;
    private readonly HttpClient _http;

    private readonly Api.RunbookFolder _runbooks;

    private AlertServices(AlertStore store, AlertIntake intake, EscalationDispatcher dispatcher, HttpClient http, Api.RunbookFolder runbooks)
    {
        (Store, Intake, Dispatcher, _http, _runbooks) = (store, intake, dispatcher, http, runbooks);
        _sender = Task.Run(() => dispatcher.RunAsync(TimeSpan.FromSeconds(5), _stop.Token));
    }

    /// <summary>The alert journal: decisions, breakers, needs-human marks, resets.</summary>
    public AlertStore Store { get; }

    /// <summary>Decides notifications.</summary>
    public AlertIntake Intake { get; }

    /// <summary>Sends escalations from the outbox.</summary>
    public EscalationDispatcher Dispatcher { get; }

    /// <summary>Builds and starts alert intake; bad settings throw <see cref="Core.RunbooksException"/> naming the key.</summary>
    public static AlertServices Start(JournalStore journal, RunEngine engine, ITemplateEngine templates, MaintenanceCalendar calendar, RunbookLoader loader,
        string workflows, IConfiguration configuration, ILogger log)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var options = AlertIntakeOptions.Read(configuration.AsEnumerable());
        var escalation = EscalationOptions.From(configuration.GetSection("Runbooks:Alerts:Escalation"));
        var store = new AlertStore(journal);
        // The valid runbooks of the folder, parsed again only when a file changed (not for every alert of a storm).
        var runbooks = new Api.RunbookFolder(workflows, loader);
        var intake = new AlertIntake(store, new AlertPlanner(engine, templates, calendar),
            () => runbooks.List().Select(f => f.Runbook).OfType<Core.Model.RunbookDefinition>(), options, log);
        var http = new HttpClient { Timeout = Timeout.InfiniteTimeSpan };
        var senders = new List<IEscalationSender>();
        if (escalation.WebhookUrl is { } url)
        {
            senders.Add(new WebhookEscalationSender(http, url, escalation.WebhookHeaders, escalation.WebhookTimeout));
        }
        if (escalation.Email is { } email)
        {
            senders.Add(new EmailEscalationSender(email));
        }
        return new AlertServices(store, intake, new EscalationDispatcher(store.Outbox, senders, escalation, log), http, runbooks);
    }

    /// <summary>Counts an ended run toward its alert's breaker (see <see cref="AlertIntake.RunEndedAsync"/>); wakes the sender when it escalated.</summary>
    public async Task RunEndedAsync(string runId, CancellationToken cancellationToken)
    {
        var outcome = await Intake.RunEndedAsync(runId, cancellationToken).ConfigureAwait(false);
        if (outcome is { Escalated: true })
        {
            Dispatcher.Wake();
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _sender.ConfigureAwait(false);
        Dispatcher.Dispose();
        await Store.DisposeAsync().ConfigureAwait(false);
        _http.Dispose();
        _runbooks.Dispose();
        _stop.Dispose();
    }
}
