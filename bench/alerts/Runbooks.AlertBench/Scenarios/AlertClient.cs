using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Runbooks.AlertBench.Scenarios;

/// <summary>
/// Sends Alertmanager webhook notifications (payload version 4, one alert each, as Alertmanager sends a group of one)
/// to <c>POST /api/v1/alerts/alertmanager</c> with the operator key, over pooled keep-alive connections as Alertmanager
/// keeps them. Bodies are built before the clock starts.
/// </summary>
internal sealed class AlertClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly Uri _intake;

    public AlertClient(RunningServe serve)
    {
        ArgumentNullException.ThrowIfNull(serve);
        _http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
        {
            Timeout = TimeSpan.FromSeconds(120),
        };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", serve.Key);
        _intake = new Uri(serve.Api, "/api/v1/alerts/alertmanager");
    }

    /// <summary>16 hex digits, unique per <paramref name="series"/> (0–65535) and <paramref name="index"/>.</summary>
    public static string Fingerprint(int series, int index) => string.Create(CultureInfo.InvariantCulture, $"{series:x4}{index:x12}");

    /// <summary>A firing notification of one <see cref="BenchRunbook.AlertName"/> alert with its own fingerprint and instance.</summary>
    public static string Payload(string fingerprint)
    {
        var labels = new JsonObject { ["alertname"] = BenchRunbook.AlertName, ["instance"] = $"bench-{fingerprint}", ["severity"] = "critical" };
        var payload = new JsonObject
        {
            ["version"] = "4",
            ["groupKey"] = $"{{}}:{{alertname=\"{BenchRunbook.AlertName}\", instance=\"bench-{fingerprint}\"}}",
            ["truncatedAlerts"] = 0,
            ["status"] = "firing",
            ["receiver"] = "runbooks",
            ["groupLabels"] = labels.DeepClone(),
            ["commonLabels"] = labels.DeepClone(),
            ["commonAnnotations"] = new JsonObject(),
            ["externalURL"] = "http://127.0.0.1:9093",
            ["alerts"] = new JsonArray(new JsonObject
            {
                ["status"] = "firing",
                ["labels"] = labels,
                ["annotations"] = new JsonObject { ["summary"] = "benchmark alert" },
                ["startsAt"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                ["endsAt"] = "0001-01-01T00:00:00Z",
                ["generatorURL"] = "http://127.0.0.1:9090/graph",
                ["fingerprint"] = fingerprint,
            }),
        };
        return payload.ToJsonString();
    }

    /// <summary>Posts <paramref name="payload"/>; a refusal or a notification that started no run comes back with its problem, not as an exception.</summary>
    public async Task<SentAlert> SendAsync(string fingerprint, string payload)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, _intake) { Content = new StringContent(payload, Encoding.UTF8, "application/json") };
        var sentAt = DateTimeOffset.UtcNow;
        try
        {
            using var response = await _http.SendAsync(request).ConfigureAwait(false);
            var answeredAt = DateTimeOffset.UtcNow;
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                return new SentAlert(fingerprint, sentAt, answeredAt, null, $"{(int)response.StatusCode}: {body}");
            }
            using var json = JsonDocument.Parse(body);
            var started = json.RootElement.GetProperty("started");
            return started.GetArrayLength() == 1
                ? new SentAlert(fingerprint, sentAt, answeredAt, started[0].GetString(), null)
                : new SentAlert(fingerprint, sentAt, answeredAt, null, $"202 without exactly one started run: {body}");
        }
        catch (HttpRequestException ex)
        {
            return new SentAlert(fingerprint, sentAt, DateTimeOffset.UtcNow, null, ex.Message);
        }
    }

    public void Dispose() => _http.Dispose();
}
