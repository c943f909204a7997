namespace Runbooks.Storage.Alerts;

/// <summary>
/// One escalation in the outbox, for one channel: written in the transaction that decided it (a breaker trip, a failed
/// remediation), sent after commit, retried until a sender succeeds. A trip writes it once, whatever the concurrency.
/// </summary>
public sealed record AlertEscalation
{
    /// <summary>Its id.</summary>
    public required long Id { get; init; }

    /// <summary>What makes it unique per channel: <c>breaker:&lt;id&gt;</c> or <c>failed:&lt;run id&gt;</c>.</summary>
    public required string DedupKey { get; init; }

    /// <summary>The channel that sends it (<c>webhook</c>, <c>email</c>, or another configured name).</summary>
    public required string Channel { get; init; }

    /// <summary><c>breakerTripped</c> or <c>remediationFailed</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>When it was written.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>A one-line subject (e-mail subject, chat title).</summary>
    public required string Subject { get; init; }

    /// <summary>The details as plain data (kind, runbook, fingerprint, alertname, labels, targets, reason, run id …).</summary>
    public required IReadOnlyDictionary<string, object?> Body { get; init; }

    /// <summary>Send attempts so far.</summary>
    public int Attempts { get; init; }

    /// <summary>When it is tried next (pending ones).</summary>
    public DateTimeOffset NextAttemptAt { get; init; }

    /// <summary>When a sender succeeded, or null while pending.</summary>
    public DateTimeOffset? SentAt { get; init; }

    /// <summary>The last sender error, or null.</summary>
    public string? LastError { get; init; }
}
