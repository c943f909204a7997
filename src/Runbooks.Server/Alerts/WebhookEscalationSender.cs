using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Runbooks.Core;
using Runbooks.Storage.Alerts;

namespace Runbooks.Server.Alerts;

/// <summary>
/// POSTs an escalation as JSON: <c>{ "id", "kind", "subject", "createdAt", "details": { runbook, alertname, fingerprint,
/// targets, reason, labels, runId … } }</c>. Any answer but 2xx is a failure (retried later).
/// </summary>
public sealed class WebhookEscalationSender(HttpClient http, Uri url, IReadOnlyDictionary<string, string>? headers = null, TimeSpan? timeout = null) : IEscalationSender
{
    /// <inheritdoc />
    public string Channel => "webhook";

    /// <inheritdoc />
    public async Task SendAsync(AlertEscalation escalation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(escalation);
        var body = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["id"] = escalation.Id, ["kind"] = escalation.Kind, ["subject"] = escalation.Subject,
            ["createdAt"] = Core.Alerts.IncomingAlert.Instant(escalation.CreatedAt), ["details"] = escalation.Body,
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout ?? TimeSpan.FromSeconds(10));
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, limit.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new RunbooksException($"the escalation webhook {url.GetLeftPart(UriPartial.Path)} could not be reached: {ex.Message}", ex);
        }
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new RunbooksException($"the escalation webhook {url.GetLeftPart(UriPartial.Path)} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }
        }
    }
}
