using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Runbooks.Testing.Alertmanager;

namespace Runbooks.Cli.Tests.Alerts;

/// <summary>Who may post alerts: an operator key as bearer token or as the Basic password (Alertmanager's basic_auth); nobody else.</summary>
[Collection(AlertE2eGroup.Name)]
public sealed class AlertIntakeAuthTests(AlertE2eFixture server)
{
    private static readonly string Body = AlertmanagerBody.Of(new NotifiedAlert(
        new Dictionary<string, string> { ["alertname"] = "AuthProbe", ["instance"] = "nowhere" }, DateTimeOffset.UtcNow));

    private static string Basic(string password) => Convert.ToBase64String(Encoding.UTF8.GetBytes("alertmanager:" + password));

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(AuthenticationHeaderValue? authorization)
    {
        using var client = server.Client(null);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/alerts/alertmanager")
        {
            Content = new StringContent(Body, Encoding.UTF8, "application/json"),
            Headers = { Authorization = authorization },
        };
        using var response = await client.SendAsync(request);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string Detail(string body) => JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()!;

    [Fact]
    public async Task Intake_NoKey_Is401()
    {
        var (status, body) = await PostAsync(null);

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.StartsWith("this route needs an API key: send 'Authorization: Bearer <key>'", Detail(body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Intake_ForgedKey_Is401()
    {
        var (status, _) = await PostAsync(new AuthenticationHeaderValue("Bearer", server.Keys["operator"][..^4] + "AAAA"));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task Intake_ViewerKey_Is403NamingTheRoleNeeded()
    {
        var (status, body) = await PostAsync(new AuthenticationHeaderValue("Bearer", server.Keys["viewer"]));

        Assert.Equal(HttpStatusCode.Forbidden, status);
        Assert.Equal("this route needs the operator role or higher; the key viewer-key has viewer", Detail(body));
    }

    [Fact]
    public async Task Intake_ViewerKeyAsBasicPassword_Is403()
    {
        var (status, _) = await PostAsync(new AuthenticationHeaderValue("Basic", Basic(server.Keys["viewer"])));

        Assert.Equal(HttpStatusCode.Forbidden, status);
    }

    [Fact]
    public async Task Intake_OperatorKeyAsBasicPassword_Is202WithTheDecisions()
    {
        var (status, body) = await PostAsync(new AuthenticationHeaderValue("Basic", Basic(server.Keys["operator"])));

        Assert.True(status == HttpStatusCode.Accepted, body);
        var decision = JsonDocument.Parse(body).RootElement.GetProperty("alerts")[0].GetProperty("decisions")[0];
        Assert.Equal("noMatch", decision.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task Alertmanager_BasicAuthWithOperatorKey_IsAcceptedAndRecorded()
    {
        using var api = server.Api("viewer");
        await using var alertmanager = await AlertmanagerFixture.StartAsync(new AlertmanagerOptions
        {
            WebhookUrl = server.AlertmanagerIntakeUrl,
            BasicAuth = new WebhookBasicAuth("alertmanager", server.Keys["operator"]),
        });

        await alertmanager.PostAlertsAsync([new AlertmanagerAlert { Labels = new Dictionary<string, string> { ["alertname"] = "BasicAuthProbe", ["instance"] = "nowhere" } }]);

        var fingerprint = (await alertmanager.GetAlertsAsync()).Single().Fingerprint;
        var decision = await api.WaitForDecisionAsync(_ => true, fingerprint: fingerprint);
        Assert.Equal("noMatch", decision.Kind);
        var received = await api.GetJsonAsync($"/api/v1/alerts?fingerprint={fingerprint}");
        var stored = Assert.Single(received.EnumerateArray()).GetProperty("alert");
        Assert.Equal("BasicAuthProbe", stored.GetProperty("labels").GetProperty("alertname").GetString());
        Assert.DoesNotContain("Notify for alerts failed", alertmanager.LogText, StringComparison.Ordinal);
    }
}
