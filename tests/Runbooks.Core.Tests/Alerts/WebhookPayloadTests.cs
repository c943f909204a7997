using Runbooks.Core.Alerts;

namespace Runbooks.Core.Tests.Alerts;

public sealed class WebhookPayloadTests
{
    private static readonly DateTimeOffset Received = new(2026, 1, 7, 3, 0, 0, TimeSpan.Zero);

    private static WebhookMapping Mapping(params (string Key, string Value)[] extra) => WebhookMapping.Read(
        new Dictionary<string, string?>
        {
            ["Runbooks:Alerts:Webhook:Labels:alertname"] = "title",
            ["Runbooks:Alerts:Webhook:Labels:instance"] = "host.name",
            ["Runbooks:Alerts:Webhook:Labels:tag"] = "tags.0",
            ["Runbooks:Alerts:Webhook:Annotations:summary"] = "message",
            ["Runbooks:Alerts:Webhook:Status"] = "state",
            ["Runbooks:Alerts:Webhook:ResolvedValues:0"] = "ok",
            ["Runbooks:Alerts:Webhook:ResolvedValues:1"] = "closed",
            ["Runbooks:Alerts:Webhook:StartsAt"] = "since",
            ["Runbooks:Alerts:Webhook:Receiver"] = "grafana",
        }.Concat(extra.Select(e => new KeyValuePair<string, string?>(e.Key, e.Value))))!;

    [Fact]
    public void Parse_MappedBody_ReadsLabelsByDotPath()
    {
        var json = """{ "title": "NginxDown", "host": { "name": "web-1" }, "tags": ["prod", 7], "message": "down", "state": "alerting", "since": 1767754800 }""";
        var (alert, problem) = Assert.Single(WebhookPayload.Parse(json, Mapping(), new AlertLimits(), Received).Alerts);

        Assert.Null(problem);
        Assert.Equal(("NginxDown", "web-1", "prod", "down"), (alert.Name, alert.Label("instance"), alert.Label("tag"), alert.Annotations["summary"]));
        Assert.Equal((AlertStatus.Firing, "webhook", "grafana"), (alert.Status, alert.Source, alert.Receiver));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1767754800), alert.StartsAt);
        Assert.Equal(AlertFingerprint.Compute(alert.Labels), alert.Fingerprint);
    }

    [Fact]
    public void Parse_ResolvedValue_IsResolvedIgnoringCase()
    {
        var json = """{ "title": "NginxDown", "host": { "name": "web-1" }, "state": "OK" }""";
        var alert = Assert.Single(WebhookPayload.Parse(json, Mapping(), new AlertLimits(), Received).Alerts).Alert;
        Assert.Equal((AlertStatus.Resolved, Received), (alert.Status, alert.StartsAt));
    }

    [Fact]
    public void Parse_AlertsList_GivesOneAlertPerItem()
    {
        var json = """{ "items": [ { "title": "A", "host": { "name": "h1" } }, { "title": "B", "host": { "name": "h2" } } ] }""";
        var alerts = WebhookPayload.Parse(json, Mapping(("Runbooks:Alerts:Webhook:Alerts", "items")), new AlertLimits(), Received).Alerts;
        Assert.Equal(["A", "B"], alerts.Select(a => a.Alert.Name));
    }

    [Fact]
    public void Parse_MissingAlertname_IsRejectedNamingThePath()
    {
        var json = """{ "host": { "name": "web-1" } }""";
        Assert.Equal("the webhook body has no value at 'title' for label alertname (Runbooks:Alerts:Webhook:Labels:alertname)",
            Assert.Single(WebhookPayload.Parse(json, Mapping(), new AlertLimits(), Received).Alerts).Problem);
    }

    [Fact]
    public void Parse_ObjectAtALabelPath_IsRejected()
    {
        var json = """{ "title": "A", "host": { "name": { "first": "web" } } }""";
        Assert.Equal("label 'instance': the value at 'host.name' is a JSON object; a label is a string, number or boolean",
            Assert.Single(WebhookPayload.Parse(json, Mapping(), new AlertLimits(), Received).Alerts).Problem);
    }

    [Fact]
    public void Read_WithoutAlertname_ThrowsNamingTheKey()
    {
        var ex = Assert.Throws<RunbooksException>(() => WebhookMapping.Read(new Dictionary<string, string?> { ["Runbooks:Alerts:Webhook:Labels:instance"] = "host" }));
        Assert.Equal("Runbooks:Alerts:Webhook:Labels must map alertname (e.g. Runbooks:Alerts:Webhook:Labels:alertname = \"title\"): triggers match on it", ex.Message);
    }

    [Fact]
    public void Read_UnknownSetting_ThrowsListingTheSettings()
    {
        var ex = Assert.Throws<RunbooksException>(() => WebhookMapping.Read(new Dictionary<string, string?>
        {
            ["Runbooks:Alerts:Webhook:Labels:alertname"] = "title", ["Runbooks:Alerts:Webhook:Label:x"] = "y",
        }));
        Assert.Equal("Runbooks:Alerts:Webhook:Label:x is not a setting; the settings are Labels, Annotations, Alerts, Status, ResolvedValues, StartsAt, Fingerprint, GeneratorUrl, Receiver", ex.Message);
    }

    [Fact]
    public void Read_BadPath_ThrowsNamingTheKey()
    {
        var ex = Assert.Throws<RunbooksException>(() => WebhookMapping.Read(new Dictionary<string, string?> { ["Runbooks:Alerts:Webhook:Labels:alertname"] = "$.title[0]" }));
        Assert.Equal("Runbooks:Alerts:Webhook:Labels:alertname is '$.title[0]'; expected a dot path into the JSON body such as host.name or tags.0 (names of letters, digits, '_' or '-')", ex.Message);
    }

    [Fact]
    public void Read_NoSection_IsNull()
    {
        Assert.Null(WebhookMapping.Read(new Dictionary<string, string?> { ["Runbooks:Storage:Provider"] = "sqlite" }));
    }

    [Fact]
    public void AlertLimits_Read_BadValueThrowsNamingTheKeyAndRange()
    {
        var ex = Assert.Throws<RunbooksException>(() => AlertLimits.Read(new Dictionary<string, string?> { ["Runbooks:Alerts:Limits:MaxLabelValueBytes"] = "0" }));
        Assert.Equal("Runbooks:Alerts:Limits:MaxLabelValueBytes is '0'; expected a whole number from 1 to 1048576", ex.Message);
    }
}
