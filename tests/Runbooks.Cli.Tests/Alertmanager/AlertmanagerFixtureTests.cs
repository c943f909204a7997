using System.Net;
using System.Text;
using System.Text.Json;
using Runbooks.Testing.Alertmanager;
using Runbooks.Testing.Http;

namespace Runbooks.Cli.Tests.Alertmanager;

/// <summary>The Alertmanager fixture against the real Debian prometheus-alertmanager, notifying a loopback server.</summary>
public sealed class AlertmanagerFixtureTests
{
    private const string Hook = "/hooks/alertmanager";

    private static readonly AlertmanagerAlert NginxDown = new()
    {
        Labels = new Dictionary<string, string> { ["alertname"] = "NginxDown", ["instance"] = "web1", ["severity"] = "critical" },
        Annotations = new Dictionary<string, string> { ["summary"] = "nginx on web1 does not answer" },
        GeneratorUrl = "http://prometheus.invalid/graph?g0.expr=up%7Bjob%3D%22nginx%22%7D+%3D%3D+0",
    };

    [Fact]
    public async Task PostAlertsAsync_FiringAlert_ReceiverGetsVersion4PayloadWithBearerToken()
    {
        await using var server = LoopbackHttpServer.Start();
        await using var alertmanager = await AlertmanagerFixture.StartAsync(new AlertmanagerOptions
        {
            WebhookUrl = server.Url(Hook),
            BearerToken = "t0ken-with:colon\"quote",
        });

        await alertmanager.PostAlertsAsync([NginxDown]);

        var request = (await Notifications.WaitForAsync(server, alertmanager, Hook, 1))[0];
        Assert.Equal("Bearer t0ken-with:colon\"quote", request.Headers["authorization"]);
        Assert.Equal("application/json", request.Headers["content-type"]);
        Assert.StartsWith("Alertmanager/", request.Headers["user-agent"], StringComparison.Ordinal);
        var payload = Notifications.Json(request);
        Assert.Equal("4", payload.GetProperty("version").GetString());
        Assert.Equal("firing", payload.GetProperty("status").GetString());
        Assert.Equal("runbooks", payload.GetProperty("receiver").GetString());
        Assert.Equal(alertmanager.BaseUrl, payload.GetProperty("externalURL").GetString());
        Assert.Equal("{}:{alertname=\"NginxDown\"}", payload.GetProperty("groupKey").GetString());
        var alert = Assert.Single(payload.GetProperty("alerts").EnumerateArray());
        Assert.Equal("firing", alert.GetProperty("status").GetString());
        Assert.Equal(NginxDown.Labels, Labels(alert.GetProperty("labels")));
        Assert.Equal(NginxDown.Annotations, Labels(alert.GetProperty("annotations")));
        Assert.Equal(NginxDown.GeneratorUrl, alert.GetProperty("generatorURL").GetString());
        Assert.Equal("0001-01-01T00:00:00Z", alert.GetProperty("endsAt").GetString());
        var held = Assert.Single(await alertmanager.GetAlertsAsync());
        Assert.Equal(held.Fingerprint, alert.GetProperty("fingerprint").GetString());
        Assert.Equal("active", held.Status.State);
        // The stored sample must still look like what this Alertmanager sends, or parser tests test the wrong thing.
        Assert.Equal(Notifications.Shape(Notifications.Json(Sample(AlertmanagerSamples.Firing))), Notifications.Shape(payload));
    }

    [Fact]
    public async Task ResolveAsync_FiringAlert_ReceiverGetsResolvedPayloadForSameFingerprint()
    {
        await using var server = LoopbackHttpServer.Start();
        await using var alertmanager = await AlertmanagerFixture.StartAsync(new AlertmanagerOptions
        {
            WebhookUrl = server.Url(Hook),
            BearerToken = "resolve-token",
        });
        await alertmanager.PostAlertsAsync([NginxDown]);
        var first = (await Notifications.WaitForAsync(server, alertmanager, Hook, 1))[0];
        var firing = Notifications.Json(first).GetProperty("alerts")[0];

        await alertmanager.ResolveAsync([NginxDown]);

        var request = (await Notifications.WaitForAsync(server, alertmanager, Hook, 2))[1];
        // The firing sample comes from here too, so that the two samples are one alert's life.
        Notifications.Capture(AlertmanagerSamples.Firing, first);
        Notifications.Capture(AlertmanagerSamples.Resolved, request);
        Assert.Equal("Bearer resolve-token", request.Headers["authorization"]);
        var payload = Notifications.Json(request);
        Assert.Equal("4", payload.GetProperty("version").GetString());
        Assert.Equal("resolved", payload.GetProperty("status").GetString());
        var alert = Assert.Single(payload.GetProperty("alerts").EnumerateArray());
        Assert.Equal("resolved", alert.GetProperty("status").GetString());
        Assert.Equal(firing.GetProperty("fingerprint").GetString(), alert.GetProperty("fingerprint").GetString());
        Assert.Equal(firing.GetProperty("startsAt").GetString(), alert.GetProperty("startsAt").GetString());
        Assert.True(alert.GetProperty("endsAt").GetDateTimeOffset() > alert.GetProperty("startsAt").GetDateTimeOffset(),
            $"endsAt {alert.GetProperty("endsAt")} is not after startsAt {alert.GetProperty("startsAt")}");
        Assert.Empty(await alertmanager.GetAlertsAsync());
        Assert.Equal(Notifications.Shape(Notifications.Json(Sample(AlertmanagerSamples.Resolved))), Notifications.Shape(payload));
    }

    [Fact]
    public async Task PostAlertsAsync_TwoAlertsOfOneGroup_OneNotificationHoldsBoth()
    {
        await using var server = LoopbackHttpServer.Start();
        await using var alertmanager = await AlertmanagerFixture.StartAsync(new AlertmanagerOptions { WebhookUrl = server.Url(Hook) });
        AlertmanagerAlert[] alerts = [DiskFull("web1"), DiskFull("web2")];

        await alertmanager.PostAlertsAsync(alerts);

        var request = (await Notifications.WaitForAsync(server, alertmanager, Hook, 1))[0];
        Notifications.Capture(AlertmanagerSamples.Grouped, request);
        Assert.False(request.Headers.ContainsKey("authorization"), "no credentials configured, yet an Authorization header was sent");
        var payload = Notifications.Json(request);
        Assert.Equal(["web1", "web2"], payload.GetProperty("alerts").EnumerateArray()
            .Select(a => a.GetProperty("labels").GetProperty("instance").GetString()).Order(StringComparer.Ordinal));
        Assert.Equal(new Dictionary<string, string> { ["alertname"] = "DiskFull" }, Labels(payload.GetProperty("groupLabels")));
        Assert.Equal(new Dictionary<string, string> { ["alertname"] = "DiskFull", ["mount"] = "/var" }, Labels(payload.GetProperty("commonLabels")));
        Assert.Equal(Notifications.Shape(Notifications.Json(Sample(AlertmanagerSamples.Grouped))), Notifications.Shape(payload));
    }

    [Fact]
    public async Task StartAsync_BasicAuth_ReceiverGetsBasicHeader()
    {
        await using var server = LoopbackHttpServer.Start();
        await using var alertmanager = await AlertmanagerFixture.StartAsync(new AlertmanagerOptions
        {
            WebhookUrl = server.Url(Hook),
            BasicAuth = new WebhookBasicAuth("alertmanager", "s3cret:with colon"),
        });

        await alertmanager.PostAlertsAsync([NginxDown]);

        var request = (await Notifications.WaitForAsync(server, alertmanager, Hook, 1))[0];
        Assert.Equal("Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("alertmanager:s3cret:with colon")), request.Headers["authorization"]);
    }

    [Fact]
    public async Task StartAsync_BearerAndBasicAuth_FailsWithAmtoolMessage()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => AlertmanagerFixture.StartAsync(new AlertmanagerOptions
        {
            WebhookUrl = "http://127.0.0.1:9/hook",
            BearerToken = "t",
            BasicAuth = new WebhookBasicAuth("u", "p"),
        }));

        Assert.StartsWith("the generated alertmanager.yml is invalid; amtool check-config says:\n", error.Message, StringComparison.Ordinal);
        Assert.Contains("FAILED: at most one of basic_auth, oauth2 & authorization must be configured", error.Message, StringComparison.Ordinal);
        Assert.Contains("the config:\n# Generated by the Runbooks test fixture", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_UnsupportedWebhookScheme_FailsWithAmtoolMessage()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            AlertmanagerFixture.StartAsync(new AlertmanagerOptions { WebhookUrl = "ftp://127.0.0.1/hook" }));

        Assert.Contains("FAILED: unsupported scheme \"ftp\" for URL", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_NegativeGroupWait_FailsWithAmtoolMessage()
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => AlertmanagerFixture.StartAsync(new AlertmanagerOptions
        {
            WebhookUrl = "http://127.0.0.1:9/hook",
            GroupWait = TimeSpan.FromSeconds(-1),
        }));

        Assert.Contains("FAILED: not a valid duration string: \"-1s\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StartAsync_AlertmanagerExitsBeforeReady_ThrowsWithItsOutput()
    {
        // A config amtool accepts, a flag Alertmanager refuses at start.
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => AlertmanagerFixture.StartAsync(new AlertmanagerOptions
        {
            WebhookUrl = "http://127.0.0.1:9/hook",
            LogLevel = "loud",
        }));

        Assert.StartsWith("Alertmanager exited with code 1 before it was ready on http://127.0.0.1:", error.Message, StringComparison.Ordinal);
        Assert.Contains("unrecognized log level \"loud\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostAlertsAsync_NoLabels_ThrowsWithAlertmanagerAnswer()
    {
        await using var alertmanager = await AlertmanagerFixture.StartAsync(new AlertmanagerOptions { WebhookUrl = "http://127.0.0.1:9/hook" });

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            alertmanager.PostAlertsAsync([new AlertmanagerAlert { Labels = new Dictionary<string, string>() }]));

        Assert.Equal("Alertmanager refused the alerts: 400 BadRequest: \"at least one label pair required\"", error.Message);
    }

    [Fact]
    public async Task ListeningSockets_Started_OnlyTheWebPortOnLoopback()
    {
        await using var alertmanager = await AlertmanagerFixture.StartAsync(new AlertmanagerOptions { WebhookUrl = "http://127.0.0.1:9/hook" });

        var sockets = alertmanager.ListeningSockets();

        // Exactly one: no cluster port (9094 TCP and UDP on 0.0.0.0 by default), nothing on a wildcard address.
        Assert.Equal([new ListeningSocket("tcp", new IPEndPoint(IPAddress.Loopback, alertmanager.Port))], sockets);
    }

    [Fact]
    public async Task DisposeAsync_Started_StopsProcessAndRemovesDirectory()
    {
        var alertmanager = await AlertmanagerFixture.StartAsync(new AlertmanagerOptions { WebhookUrl = "http://127.0.0.1:9/hook" });
        var pid = alertmanager.ProcessId;
        Assert.True(Directory.Exists($"/proc/{pid}"), "Alertmanager is not running after StartAsync");
        Assert.Contains("msg=\"Listening on\" address=127.0.0.1:", alertmanager.LogText, StringComparison.Ordinal);

        await alertmanager.DisposeAsync();

        Assert.False(Directory.Exists($"/proc/{pid}"), $"Alertmanager (pid {pid}) still runs after DisposeAsync");
        Assert.False(Directory.Exists(alertmanager.Directory), $"{alertmanager.Directory} is still there after DisposeAsync");
    }

    [Fact]
    public void Version_Installed_IsAlertmanagerVersionLine()
    {
        Assert.StartsWith("alertmanager, version ", AlertmanagerFixture.Version, StringComparison.Ordinal);
    }

    private static AlertmanagerAlert DiskFull(string host) => new()
    {
        Labels = new Dictionary<string, string> { ["alertname"] = "DiskFull", ["instance"] = host, ["mount"] = "/var" },
        Annotations = new Dictionary<string, string> { ["summary"] = $"/var on {host} is 95% full" },
    };

    private static Dictionary<string, string> Labels(JsonElement map) =>
        map.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);

    private static RecordedRequest Sample(string name) =>
        new("POST", Hook, new Dictionary<string, string>(), AlertmanagerSamples.Read(name));
}
