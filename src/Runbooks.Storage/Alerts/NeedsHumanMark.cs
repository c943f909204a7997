namespace Runbooks.Storage.Alerts;

/// <summary>A target marked as needing a human (a breaker tripped on it): no automatic run touches it until it is reset.</summary>
public sealed record NeedsHumanMark
{
    /// <summary>Its id.</summary>
    public required long Id { get; init; }

    /// <summary>The host (or <c>local</c>).</summary>
    public required string Target { get; init; }

    /// <summary>Since when.</summary>
    public required DateTimeOffset Since { get; init; }

    /// <summary>Why.</summary>
    public required string Reason { get; init; }

    /// <summary>The breaker that marked it, or null.</summary>
    public long? BreakerId { get; init; }

    /// <summary>When someone reset it, or null while it holds.</summary>
    public DateTimeOffset? ResetAt { get; init; }

    /// <summary>Who reset it.</summary>
    public string? ResetBy { get; init; }

    /// <summary>Their comment.</summary>
    public string? ResetComment { get; init; }

    /// <summary>Whether it still holds back automatic runs.</summary>
    public bool IsOpen => ResetAt is null;
}
