using System.Text.RegularExpressions;
using Runbooks.Core.Model;

namespace Runbooks.Core.Alerts;

/// <summary>Whether an alert trigger matches an alert: every label matcher holds, and the severity is one allowed.</summary>
public static class AlertTriggerMatching
{
    /// <summary>Null when <paramref name="trigger"/> matches <paramref name="alert"/>; otherwise the first matcher that fails, as a reason.</summary>
    public static string? Mismatch(AlertTrigger trigger, IncomingAlert alert)
    {
        ArgumentNullException.ThrowIfNull(trigger);
        ArgumentNullException.ThrowIfNull(alert);
        if (!trigger.Enabled)
        {
            return "the trigger is disabled (enabled: false)";
        }
        foreach (var matcher in trigger.Match)
        {
            var value = alert.Label(matcher.Label);
            bool holds;
            try
            {
                holds = matcher.Operator switch
                {
                    AlertTriggerOperator.Equal => string.Equals(value, matcher.Value, StringComparison.Ordinal),
                    AlertTriggerOperator.NotEqual => !string.Equals(value, matcher.Value, StringComparison.Ordinal),
                    AlertTriggerOperator.Regex => matcher.Pattern!.IsMatch(value),
                    _ => !matcher.Pattern!.IsMatch(value),
                };
            }
            catch (RegexMatchTimeoutException)
            {
                // A pathological pattern against a long value: refuse to decide rather than hang intake.
                return $"{matcher} took longer than {AlertTriggerMatcher.RegexTimeout.TotalMilliseconds} ms on a {value.Length}-character value and counts as not matching";
            }
            if (!holds)
            {
                return $"{matcher} does not hold (label {matcher.Label} is {(alert.Labels.ContainsKey(matcher.Label) ? $"'{Short(value)}'" : "missing")})";
            }
        }
        if (trigger.Severity is { } severities && !severities.Contains(alert.Label("severity"), StringComparer.Ordinal))
        {
            return $"severity {(alert.Labels.ContainsKey("severity") ? $"'{Short(alert.Label("severity"))}'" : "is missing and")} is not one of {string.Join(", ", severities)}";
        }
        return null;
    }

    private static string Short(string value) => value.Length <= 60 ? value : value[..60] + "…";
}
