namespace Runbooks.Core.Model;

/// <summary>
/// <c>maxRuns: { count, per }</c> — the circuit breaker of an alert trigger: when <paramref name="Count"/> automatic
/// runs were started in the last <paramref name="Per"/> for one alert (fingerprint), or on one target, and the alert
/// fires again, no run starts; one escalation goes out and the target is marked as needing a human until someone resets it.
/// </summary>
/// <param name="Count">Runs allowed in the window (1 to 1000).</param>
/// <param name="Per">The sliding window.</param>
public sealed record AlertTriggerLimit(int Count, TimeSpan Per)
{
    /// <summary>3 runs per hour: what applies when <c>maxRuns</c> is not given, so no trigger can loop unguarded.</summary>
    public static readonly AlertTriggerLimit Default = new(3, TimeSpan.FromHours(1));
}
