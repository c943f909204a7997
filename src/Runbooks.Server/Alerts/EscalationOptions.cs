using Microsoft.Extensions.Configuration;
using Runbooks.Core;

namespace Runbooks.Server.Alerts;

/// <summary>
/// Where escalations go (<c>Runbooks:Alerts:Escalation</c>): a webhook (<c>Webhook:Url</c>, optional <c>Webhook:Headers</c>),
/// e-mail (<c>Email:Host</c>, <c>Port</c>, <c>Security</c>, <c>From</c>, <c>To</c>, optional <c>Username</c> with the password
/// in the environment variable <c>Email:PasswordVariable</c>), and how failed sends are retried. Either, both or none.
/// </summary>
public sealed record EscalationOptions
{
    /// <summary>The webhook, or null.</summary>
    public Uri? WebhookUrl { get; init; }

    /// <summary>Extra request headers for the webhook (e.g. Authorization read from the environment by the host).</summary>
    public IReadOnlyDictionary<string, string> WebhookHeaders { get; init; } = new Dictionary<string, string>();

    /// <summary>How long one webhook call may take. Default 10 s.</summary>
    public TimeSpan WebhookTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>E-mail settings, or null.</summary>
    public EmailEscalationOptions? Email { get; init; }

    /// <summary>The wait after the first failed send; doubled per attempt up to <see cref="MaxRetryDelay"/>. Default 30 s.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The longest wait between attempts. Default 15 min.</summary>
    public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromMinutes(15);

    /// <summary>The channel names configured, as the outbox rows carry them.</summary>
    public IReadOnlyList<string> Channels => [.. new[] { WebhookUrl is null ? null : "webhook", Email is null ? null : "email" }.OfType<string>()];

    /// <summary>Reads the section; a bad value throws <see cref="RunbooksException"/> naming the key and what is allowed.</summary>
    public static EscalationOptions From(IConfigurationSection section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var defaults = new EscalationOptions();
        Uri? url = null;
        if (section["Webhook:Url"] is { Length: > 0 } text)
        {
            url = Uri.TryCreate(text, UriKind.Absolute, out var parsed) && parsed.Scheme is "http" or "https"
                ? parsed
                : throw new RunbooksException($"{section.Path}:Webhook:Url is '{text}'; expected an absolute http or https URL");
        }
        return new EscalationOptions
        {
            WebhookUrl = url,
            WebhookHeaders = section.GetSection("Webhook:Headers").GetChildren().ToDictionary(c => c.Key, c => c.Value ?? "", StringComparer.OrdinalIgnoreCase),
            WebhookTimeout = Seconds(section, "Webhook:TimeoutSeconds", defaults.WebhookTimeout),
            Email = section["Email:Host"] is { Length: > 0 } ? EmailEscalationOptions.Read(section.GetSection("Email")) : null,
            RetryDelay = Seconds(section, "RetrySeconds", defaults.RetryDelay),
            MaxRetryDelay = Seconds(section, "MaxRetrySeconds", defaults.MaxRetryDelay),
        };
    }

    internal static TimeSpan Seconds(IConfigurationSection section, string key, TimeSpan fallback)
    {
        if (section[key] is not { Length: > 0 } text)
        {
            return fallback;
        }
        return double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and <= 86400
            ? TimeSpan.FromSeconds(seconds)
            : throw new RunbooksException($"{section.Path}:{key} is '{text}'; expected a number of seconds from more than 0 to 86400");
    }
}
