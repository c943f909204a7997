using Runbooks.Core.Model;

namespace Runbooks.Core.Engine;

/// <summary>The delay before the next attempt of a step.</summary>
internal static class Backoff
{
    /// <summary>
    /// Delay after failed attempt <paramref name="attempt"/> (1-based): fixed = initialDelay; exponential =
    /// initialDelay × 2^(attempt−1); capped at maxDelay; then spread by ±jitter.
    /// </summary>
    public static TimeSpan Delay(RetryPolicy policy, int attempt, double random)
    {
        var baseMs = policy.InitialDelay.TotalMilliseconds;
        if (policy.Backoff == BackoffKind.Exponential)
        {
            baseMs *= Math.Pow(2, Math.Min(attempt - 1, 30));
        }
        baseMs = Math.Min(baseMs, policy.MaxDelay.TotalMilliseconds);
        if (policy.Jitter > 0)
        {
            baseMs *= 1 + (policy.Jitter * ((2 * random) - 1));
        }
        return TimeSpan.FromMilliseconds(Math.Max(0, baseMs));
    }
}
