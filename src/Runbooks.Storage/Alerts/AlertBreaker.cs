namespace Runbooks.Storage.Alerts;

/// <summary>
/// A breaker that tripped: for one alert (<see cref="Scope"/> <c>fingerprint</c>, <see cref="Key"/> the fingerprint) or one
/// target (<c>target</c>, the host name). While open (<see cref="ResetAt"/> null) no automatic run starts for it.
/// </summary>
public sealed record AlertBreaker
{
    /// <summary>Its id.</summary>
    public required long Id { get; init; }

    /// <summary><c>fingerprint</c> or <c>target</c>.</summary>
    public required string Scope { get; init; }

    /// <summary>The fingerprint or the target.</summary>
    public required string Key { get; init; }

    /// <summary>The runbook whose trigger's limit tripped it.</summary>
    public required string Runbook { get; init; }

    /// <summary>When it tripped.</summary>
    public required DateTimeOffset TrippedAt { get; init; }

    /// <summary>Why (the count and the window).</summary>
    public required string Reason { get; init; }

    /// <summary>When someone reset it, or null while open.</summary>
    public DateTimeOffset? ResetAt { get; init; }

    /// <summary>Who reset it.</summary>
    public string? ResetBy { get; init; }

    /// <summary>Their comment.</summary>
    public string? ResetComment { get; init; }

    /// <summary>Whether it still holds back automatic runs.</summary>
    public bool IsOpen => ResetAt is null;
}
