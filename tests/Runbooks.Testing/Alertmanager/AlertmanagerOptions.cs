namespace Runbooks.Testing.Alertmanager;

/// <summary>
/// How the test Alertmanager is configured: one route to one webhook receiver (the server under test), with short
/// timers so a notification arrives about a second after an alert is posted. Everything here ends up in the generated
/// <c>alertmanager.yml</c>, which <c>amtool check-config</c> validates before Alertmanager starts.
/// </summary>
public sealed record AlertmanagerOptions
{
    /// <summary>The webhook receiver's URL (<c>webhook_configs[0].url</c>), e.g. a loopback server's path. Required.</summary>
    public required string WebhookUrl { get; init; }

    /// <summary>
    /// A bearer token sent as <c>Authorization: Bearer …</c> (<c>http_config.authorization</c>); null (the default)
    /// sends none. Setting it and <see cref="BasicAuth"/> both is a configuration Alertmanager rejects.
    /// </summary>
    public string? BearerToken { get; init; }

    /// <summary>Basic credentials (<c>http_config.basic_auth</c>); null (the default) sends none.</summary>
    public WebhookBasicAuth? BasicAuth { get; init; }

    /// <summary>Whether resolved alerts are notified too (<c>send_resolved</c>); true by default.</summary>
    public bool SendResolved { get; init; } = true;

    /// <summary>Labels that group alerts into one notification (<c>route.group_by</c>); <c>alertname</c> by default.</summary>
    public IReadOnlyList<string> GroupBy { get; init; } = ["alertname"];

    /// <summary>How long a new group waits for more alerts before its first notification; 1 s by default.</summary>
    public TimeSpan GroupWait { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a group waits before notifying about changes (new or resolved alerts); 1 s by default.</summary>
    public TimeSpan GroupInterval { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>How long before an unchanged, still-firing group is notified again; 1 h by default (no repeats in a test).</summary>
    public TimeSpan RepeatInterval { get; init; } = TimeSpan.FromHours(1);

    /// <summary>Alertmanager's <c>--log.level</c> (debug, info, warn, error); <c>info</c> by default.</summary>
    public string LogLevel { get; init; } = "info";
}
