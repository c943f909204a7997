using Runbooks.Core.Model;

namespace Runbooks.Core.Engine;

/// <summary>The delay before the next attempt of a step.</summary>
internal static class Backoff
{
    /// <summary>
    /// Delay after failed attempt <paramref name="attempt"/> (1-based): fixed = initialDelay; exponential =
    /// initialDelay × 2^(attempt−1); spread by ±jitter; then capped at maxDelay.
    /// </summary>
    public static TimeSpan Delay(RetryPolicy policy, int attempt, double random)
    {
        var baseMs = policy.InitialDelay.TotalMilliseconds;
        if (policy.Backoff == BackoffKind.Exponential)
        {
            baseMs *= Math.Pow(2, Math.Min(attempt - 1, 30));
        }
        if (policy.Jitter > 0)
        {
            baseMs *= 1 + (policy.Jitter * ((2 * random) - 1));
        }
        // The cap holds after jitter too: maxDelay is the longest any delay can be.
        return TimeSpan.FromMilliseconds(Math.Clamp(baseMs, 0, policy.MaxDelay.TotalMilliseconds));
    }
}
