using Runbooks.Core.Alerts;

namespace Runbooks.Storage.Alerts;

/// <summary>How alert intake works (<c>Runbooks:Alerts</c>).</summary>
public sealed record AlertIntakeOptions
{
    /// <summary>Limits on incoming notifications (<c>Runbooks:Alerts:Limits</c>).</summary>
    public AlertLimits Limits { get; init; } = new();

    /// <summary>The generic JSON webhook's mapping (<c>Runbooks:Alerts:Webhook</c>), or null: the generic webhook is off.</summary>
    public WebhookMapping? Webhook { get; init; }

    /// <summary>The queue alert-triggered runs go to. Default <c>remediation</c>.</summary>
    public string Queue { get; init; } = "remediation";

    /// <summary>How long a queued run waits for its Hangfire job before the sweep queues it again (as <c>Runbooks:Workers:QueueGraceSeconds</c>). Default 5 min.</summary>
    public TimeSpan QueueGrace { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// The escalation channels an escalation is written for, one outbox row each: <c>webhook</c> when
    /// <c>Runbooks:Alerts:Escalation:Webhook:Url</c> is set, <c>email</c> when <c>Runbooks:Alerts:Escalation:Email:Host</c> is.
    /// Empty: trips and failures are recorded and logged only.
    /// </summary>
    public IReadOnlyList<string> EscalationChannels { get; init; } = [];

    /// <summary>Reads <c>Runbooks:Alerts</c> from flattened settings; a bad value throws naming the key and what is allowed.</summary>
    public static AlertIntakeOptions Read(IEnumerable<KeyValuePair<string, string?>> settings, string section = "Runbooks:Alerts")
    {
        ArgumentNullException.ThrowIfNull(settings);
        var all = settings.ToList();
        bool Has(string key) => all.Any(s => string.Equals(s.Key, $"{section}:{key}", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(s.Value));
        var channels = new List<string>();
        if (Has("Escalation:Webhook:Url"))
        {
            channels.Add("webhook");
        }
        if (Has("Escalation:Email:Host"))
        {
            channels.Add("email");
        }
        return new AlertIntakeOptions
        {
            Limits = AlertLimits.Read(all, $"{section}:Limits"),
            Webhook = WebhookMapping.Read(all, $"{section}:Webhook"),
            EscalationChannels = channels,
        };
    }
}
