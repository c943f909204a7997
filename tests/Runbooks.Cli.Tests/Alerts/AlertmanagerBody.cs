using System.Globalization;
using System.Text.Json;

namespace Runbooks.Cli.Tests.Alerts;

/// <summary>Writes Alertmanager webhook notifications (payload version 4, the shape of the captured samples).</summary>
internal static class AlertmanagerBody
{
    public static string Of(params NotifiedAlert[] alerts)
    {
        var common = alerts.Length == 1 ? alerts[0].Labels : new Dictionary<string, string>();
        var payload = new Dictionary<string, object>
        {
            ["receiver"] = "runbooks",
            ["status"] = alerts.Any(a => a.Status == "firing") ? "firing" : "resolved",
            ["alerts"] = alerts.Select(a => new Dictionary<string, object>
            {
                ["status"] = a.Status,
                ["labels"] = a.Labels,
                ["annotations"] = new Dictionary<string, string>(),
                ["startsAt"] = Instant(a.StartsAt),
                ["endsAt"] = a.Status == "resolved" ? Instant(a.StartsAt.AddMinutes(1)) : "0001-01-01T00:00:00Z",
                ["generatorURL"] = "http://prometheus.invalid/graph",
                ["fingerprint"] = a.FingerprintOrComputed,
            }).ToList(),
            ["groupLabels"] = new Dictionary<string, string>(),
            ["commonLabels"] = common,
            ["commonAnnotations"] = new Dictionary<string, string>(),
            ["externalURL"] = "http://127.0.0.1:9093",
            ["version"] = "4",
            ["groupKey"] = "{}:{}",
            ["truncatedAlerts"] = 0,
        };
        return JsonSerializer.Serialize(payload);
    }

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
