using System.Globalization;
using System.Text.Json;

namespace Runbooks.Core.Alerts;

/// <summary>
/// Reads any JSON webhook body into alerts through a <see cref="WebhookMapping"/>. A value at a label's path must be a
/// string, number or boolean (numbers and booleans become their JSON text); a path that is absent leaves the label out,
/// except <c>alertname</c>, whose absence rejects the alert.
/// </summary>
public static class WebhookPayload
{
    /// <summary>Parses <paramref name="json"/>, received at <paramref name="receivedAt"/>.</summary>
    public static AlertNotification Parse(string json, WebhookMapping mapping, AlertLimits limits, DateTimeOffset receivedAt)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(mapping);
        ArgumentNullException.ThrowIfNull(limits);
        using var document = JsonPayload.Open(json, "webhook");
        var items = new List<JsonElement>();
        if (mapping.AlertsPath is { } listPath)
        {
            if (Find(document.RootElement, listPath) is not { ValueKind: JsonValueKind.Array } list)
            {
                throw new AlertPayloadException($"the webhook body has no list at '{listPath}' (Runbooks:Alerts:Webhook:Alerts)");
            }
            items.AddRange(list.EnumerateArray());
        }
        else
        {
            items.Add(document.RootElement);
        }
        if (items.Count > limits.MaxAlerts)
        {
            throw new AlertPayloadException($"the notification holds {items.Count} alerts; at most {limits.MaxAlerts} are accepted (Runbooks:Alerts:Limits:MaxAlerts)");
        }
        return new AlertNotification("webhook", mapping.Receiver, null, [.. items.Select(item => ParseAlert(item, mapping, limits, receivedAt))]);
    }

    private static ReceivedAlert ParseAlert(JsonElement item, WebhookMapping mapping, AlertLimits limits, DateTimeOffset receivedAt)
    {
        var alert = new AlertBuilder(limits, "webhook", mapping.Receiver);
        void Read(IReadOnlyDictionary<string, string> paths, string what, Action<string, string> add)
        {
            foreach (var (name, path) in paths.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                switch (Find(item, path))
                {
                    case null or { ValueKind: JsonValueKind.Null }:
                        if (name == "alertname" && what == "label")
                        {
                            alert.Fail($"the webhook body has no value at '{path}' for label alertname (Runbooks:Alerts:Webhook:Labels:alertname)");
                        }
                        break;
                    case { } value when Scalar(value) is { } text:
                        add(name, text);
                        break;
                    case { } value:
                        alert.Fail($"{what} '{name}': the value at '{path}' is a JSON {JsonPayload.Kind(value)}; a {what} is a string, number or boolean");
                        break;
                }
            }
        }
        Read(mapping.Labels, "label", alert.Label);
        Read(mapping.Annotations, "annotation", alert.Annotation);
        if (mapping.StatusPath is { } statusPath && Find(item, statusPath) is { } status && Scalar(status) is { } statusText)
        {
            alert.Status = mapping.ResolvedValues.Contains(statusText, StringComparer.OrdinalIgnoreCase) ? AlertStatus.Resolved : AlertStatus.Firing;
        }
        if (mapping.StartsAtPath is { } startsPath && Find(item, startsPath) is { } starts)
        {
            alert.StartsAt = starts.ValueKind switch
            {
                JsonValueKind.Number when starts.TryGetDouble(out var seconds) && seconds is > 0 and < 253402300800 =>
                    DateTimeOffset.UnixEpoch.AddTicks((long)(seconds * TimeSpan.TicksPerSecond)),
                JsonValueKind.String => AlertBuilder.ParseInstant(starts.GetString()!),
                _ => null,
            };
            if (alert.StartsAt is null)
            {
                alert.Fail($"the value at '{startsPath}' is not a start time; expected RFC 3339 text or Unix seconds (Runbooks:Alerts:Webhook:StartsAt)");
            }
        }
        if (mapping.FingerprintPath is { } fingerprintPath && Find(item, fingerprintPath) is { } id && Scalar(id) is { Length: > 0 } fingerprint)
        {
            alert.Fingerprint = fingerprint;
        }
        if (mapping.GeneratorUrlPath is { } urlPath && Find(item, urlPath) is { ValueKind: JsonValueKind.String } url)
        {
            alert.GeneratorUrl = url.GetString();
        }
        if (alert.Status == AlertStatus.Resolved)
        {
            alert.EndsAt = receivedAt;
        }
        return alert.Build(receivedAt);
    }

    /// <summary>The element at a dot path (a number indexes a list), or null when any part is missing.</summary>
    internal static JsonElement? Find(JsonElement root, string path)
    {
        var current = root;
        foreach (var part in path.Split('.'))
        {
            if (current.ValueKind == JsonValueKind.Object && current.TryGetProperty(part, out var child))
            {
                current = child;
            }
            else if (current.ValueKind == JsonValueKind.Array && int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var index) && index < current.GetArrayLength())
            {
                current = current[index];
            }
            else
            {
                return null;
            }
        }
        return current;
    }

    private static string? Scalar(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        _ => null,
    };
}
