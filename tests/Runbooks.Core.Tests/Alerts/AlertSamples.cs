using Runbooks.Core.Alerts;

namespace Runbooks.Core.Tests.Alerts;

/// <summary>Alerts for tests.</summary>
internal static class AlertSamples
{
    public static readonly DateTimeOffset StartsAt = new(2026, 1, 7, 2, 59, 30, TimeSpan.Zero);

    public static IncomingAlert Firing(params (string Name, string Value)[] labels)
    {
        var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in labels)
        {
            sorted[name] = value;
        }
        return new IncomingAlert
        {
            Status = AlertStatus.Firing, Labels = sorted, StartsAt = StartsAt, Fingerprint = AlertFingerprint.Compute(sorted), Source = "alertmanager",
            Annotations = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["summary"] = "it is down" },
        };
    }
}
