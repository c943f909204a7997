using System.Text.Json;

namespace Runbooks.Core.Alerts;

/// <summary>
/// Reads Alertmanager's webhook payload, version 4 (the only version Alertmanager has sent since 0.x):
/// <c>{ "version": "4", "receiver", "status", "groupKey", "alerts": [ { "status", "labels", "annotations", "startsAt",
/// "endsAt", "generatorURL", "fingerprint" } ] }</c>. A body that is not such a payload throws
/// <see cref="AlertPayloadException"/> (answer 400); an alert that breaks a rule or a limit comes back with its problem
/// and is recorded as rejected, while the other alerts of the notification go on.
/// </summary>
public static class AlertmanagerPayload
{
    /// <summary>The payload version Runbooks reads.</summary>
    public const string Version = "4";

    /// <summary>Parses <paramref name="json"/>, received at <paramref name="receivedAt"/>.</summary>
    public static AlertNotification Parse(string json, AlertLimits limits, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(limits);
        using var document = JsonPayload.Open(json, "Alertmanager");
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new AlertPayloadException($"the Alertmanager payload is a JSON {JsonPayload.Kind(root)}, not an object");
        }
        var version = root.TryGetProperty("version", out var v) ? v : default;
        if (version.ValueKind != JsonValueKind.String || version.GetString() != Version)
        {
            var got = version.ValueKind == JsonValueKind.Undefined ? "no version" : $"version {version.GetRawText()}";
            throw new AlertPayloadException($"the Alertmanager payload has {got}; Runbooks reads webhook payload version \"4\" (sent by every Alertmanager since 0.x); check that the sender is an Alertmanager webhook_config");
        }
        if (!root.TryGetProperty("alerts", out var alerts) || alerts.ValueKind != JsonValueKind.Array)
        {
            throw new AlertPayloadException("the Alertmanager payload has no \"alerts\" list");
        }
        if (alerts.GetArrayLength() > limits.MaxAlerts)
        {
            throw new AlertPayloadException(
                $"the notification holds {alerts.GetArrayLength()} alerts; at most {limits.MaxAlerts} are accepted (Runbooks:Alerts:Limits:MaxAlerts); lower group_limit or split the route");
        }
        var receiver = JsonPayload.String(root, "receiver");
        var received = new List<ReceivedAlert>();
        foreach (var item in alerts.EnumerateArray())
        {
            received.Add(ParseAlert(item, limits, receiver, receivedAt));
        }
        return new AlertNotification("alertmanager", receiver, JsonPayload.String(root, "groupKey"), received);
    }

    private static ReceivedAlert ParseAlert(JsonElement item, AlertLimits limits, string? receiver, DateTimeOffset receivedAt)
    {
        var alert = new AlertBuilder(limits, "alertmanager", receiver);
        if (item.ValueKind != JsonValueKind.Object)
        {
            alert.Fail($"an alert is a JSON object, got a {JsonPayload.Kind(item)}");
            return alert.Build(receivedAt);
        }
        Strings(item, "labels", alert.Label, alert);
        Strings(item, "annotations", alert.Annotation, alert);
        switch (JsonPayload.String(item, "status"))
        {
            case "firing":
                alert.Status = AlertStatus.Firing;
                break;
            case "resolved":
                alert.Status = AlertStatus.Resolved;
                break;
            case var other:
                alert.Fail(other is null ? "the alert has no status; expected firing or resolved" : $"status '{other}' is not firing or resolved");
                break;
        }
        if (JsonPayload.String(item, "startsAt") is not { } starts)
        {
            alert.Fail("the alert has no startsAt; Alertmanager always sends one");
        }
        else if (AlertBuilder.ParseInstant(starts) is { } at)
        {
            alert.StartsAt = at;
        }
        else
        {
            alert.Fail($"startsAt '{starts}' is not an RFC 3339 time");
        }
        // A firing alert's endsAt is Go's zero time, or a time in the future Alertmanager expects it to end by.
        if (JsonPayload.String(item, "endsAt") is { } ends && AlertBuilder.ParseInstant(ends) is { Year: > 1 } end && alert.Status == AlertStatus.Resolved)
        {
            alert.EndsAt = end;
        }
        alert.GeneratorUrl = JsonPayload.String(item, "generatorURL");
        alert.Fingerprint = JsonPayload.String(item, "fingerprint") is { Length: > 0 } fingerprint ? fingerprint : null;
        return alert.Build(receivedAt);
    }

    private static void Strings(JsonElement item, string property, Action<string, string> add, AlertBuilder alert)
    {
        if (!item.TryGetProperty(property, out var map) || map.ValueKind == JsonValueKind.Null)
        {
            return;
        }
        if (map.ValueKind != JsonValueKind.Object)
        {
            alert.Fail($"{property} is a JSON {JsonPayload.Kind(map)}, not an object of strings");
            return;
        }
        foreach (var entry in map.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.String)
            {
                alert.Fail($"{property[..^1]} '{entry.Name}' is a JSON {JsonPayload.Kind(entry.Value)}; Alertmanager sends strings");
                continue;
            }
            add(entry.Name, entry.Value.GetString()!);
        }
    }
}
