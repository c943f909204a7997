using Runbooks.Core.Diagnostics;

namespace Runbooks.Core.Model;

/// <summary>How a failed step is tried again.</summary>
public sealed record RetryPolicy
{
    /// <summary>Total attempts including the first; 1 means no retry. Default 3.</summary>
    public int Attempts { get; init; } = 3;

    /// <summary>How the delay grows between attempts. Default exponential.</summary>
    public BackoffKind Backoff { get; init; } = BackoffKind.Exponential;

    /// <summary>Delay before the second attempt. Default 1s.</summary>
    public TimeSpan InitialDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Cap on any delay. Default 5m.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Random spread as a fraction of the delay, 0 to 1 (0.2 = ±20%). Default 0.</summary>
    public double Jitter { get; init; }

    /// <summary>An expression over <c>attempt</c>; retry only when it is true. Null retries every failure.</summary>
    public string? When { get; init; }

    /// <summary>Where <see cref="When"/> is written.</summary>
    public SourceSpan WhenSpan { get; init; }

    /// <summary>Where the policy is declared.</summary>
    public SourceSpan Span { get; init; }
}

/// <summary>Delay growth between retries.</summary>
public enum BackoffKind
{
    /// <summary>The same delay every time.</summary>
    Fixed,
    /// <summary>The delay doubles each attempt, up to the maximum.</summary>
    Exponential,
}
