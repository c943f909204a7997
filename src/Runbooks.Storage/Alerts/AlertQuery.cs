namespace Runbooks.Storage.Alerts;

/// <summary>Which received alerts to list (newest first).</summary>
public sealed record AlertQuery
{
    /// <summary>At most this many (1 to 1000). Default 100.</summary>
    public int Limit { get; init; } = 100;

    /// <summary>Only this alert.</summary>
    public string? Fingerprint { get; init; }

    /// <summary>Only alerts received at or after this instant.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>Only alerts before this sequence number (paging: pass the last <see cref="StoredAlert.Seq"/> seen).</summary>
    public long? Before { get; init; }
}
