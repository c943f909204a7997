using Runbooks.Core.Alerts;

namespace Runbooks.Core.Tests.Alerts;

public sealed class AlertmanagerPayloadTests
{
    private static readonly DateTimeOffset Received = new(2026, 1, 7, 3, 0, 0, TimeSpan.Zero);

    internal static string Payload(string alerts, string version = "\"4\"") => $$"""
        { "version": {{version}}, "groupKey": "{}:{alertname=\"NginxDown\"}", "truncatedAlerts": 0, "status": "firing", "receiver": "runbooks",
          "groupLabels": { "alertname": "NginxDown" }, "commonLabels": {}, "commonAnnotations": {}, "externalURL": "http://am:9093",
          "alerts": [ {{alerts}} ] }
        """;

    internal const string Firing = """
        { "status": "firing", "labels": { "alertname": "NginxDown", "instance": "web-1:9100", "severity": "critical" },
          "annotations": { "summary": "nginx is down" }, "startsAt": "2026-01-07T02:59:30.123456789Z", "endsAt": "0001-01-01T00:00:00Z",
          "generatorURL": "http://prom:9090/graph", "fingerprint": "c0ffee0123456789" }
        """;

    [Fact]
    public void Parse_Version4_ReadsEveryField()
    {
        var notification = AlertmanagerPayload.Parse(Payload(Firing), new AlertLimits(), Received);

        Assert.Equal(("alertmanager", "runbooks", "{}:{alertname=\"NginxDown\"}"), (notification.Source, notification.Receiver, notification.GroupKey));
        var (alert, problem) = Assert.Single(notification.Alerts);
        Assert.Null(problem);
        Assert.Equal((AlertStatus.Firing, "NginxDown", "web-1:9100", "c0ffee0123456789"), (alert.Status, alert.Name, alert.Label("instance"), alert.Fingerprint));
        // Nanoseconds cut to microseconds: PostgreSQL keeps no finer, and deduplication compares startsAt exactly.
        Assert.Equal("2026-01-07T02:59:30.123456Z", IncomingAlert.Instant(alert.StartsAt));
        Assert.Null(alert.EndsAt);
        Assert.Equal(("nginx is down", "http://prom:9090/graph"), (alert.Annotations["summary"], alert.GeneratorUrl));
        Assert.Equal(["alertname", "instance", "severity"], alert.Labels.Keys);
    }

    [Fact]
    public void Parse_ResolvedAlert_KeepsEndsAt()
    {
        var resolved = Firing.Replace("\"status\": \"firing\"", "\"status\": \"resolved\"", StringComparison.Ordinal)
            .Replace("0001-01-01T00:00:00Z", "2026-01-07T03:05:00Z", StringComparison.Ordinal);
        var alert = Assert.Single(AlertmanagerPayload.Parse(Payload(resolved), new AlertLimits(), Received).Alerts).Alert;
        Assert.Equal((AlertStatus.Resolved, new DateTimeOffset(2026, 1, 7, 3, 5, 0, TimeSpan.Zero)), (alert.Status, alert.EndsAt));
    }

    [Theory]
    [InlineData("\"3\"", "the Alertmanager payload has version \"3\"; Runbooks reads webhook payload version \"4\" (sent by every Alertmanager since 0.x); check that the sender is an Alertmanager webhook_config")]
    [InlineData("4", "the Alertmanager payload has version 4; Runbooks reads webhook payload version \"4\" (sent by every Alertmanager since 0.x); check that the sender is an Alertmanager webhook_config")]
    public void Parse_OtherVersion_IsRefusedWithTheReason(string version, string message)
    {
        var ex = Assert.Throws<AlertPayloadException>(() => AlertmanagerPayload.Parse(Payload(Firing, version), new AlertLimits(), Received));
        Assert.Equal(message, ex.Message);
    }

    [Fact]
    public void Parse_NoVersion_IsRefused()
    {
        var ex = Assert.Throws<AlertPayloadException>(() => AlertmanagerPayload.Parse("""{ "alerts": [] }""", new AlertLimits(), Received));
        Assert.StartsWith("the Alertmanager payload has no version; Runbooks reads webhook payload version \"4\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_NotJson_IsRefused()
    {
        var ex = Assert.Throws<AlertPayloadException>(() => AlertmanagerPayload.Parse("{ nope", new AlertLimits(), Received));
        Assert.StartsWith("the Alertmanager body is not valid JSON: ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TooManyAlerts_IsRefusedNamingTheSetting()
    {
        var ex = Assert.Throws<AlertPayloadException>(() => AlertmanagerPayload.Parse(Payload(Firing + "," + Firing + "," + Firing), new AlertLimits { MaxAlerts = 2 }, Received));
        Assert.Equal("the notification holds 3 alerts; at most 2 are accepted (Runbooks:Alerts:Limits:MaxAlerts); lower group_limit or split the route", ex.Message);
    }

    [Fact]
    public void Parse_64KiBLabelValue_RejectsThatAlertNamingTheLabel()
    {
        var huge = new string('x', 64 * 1024);
        var other = Firing.Replace("c0ffee0123456789", "0000000000000001", StringComparison.Ordinal);
        var notification = AlertmanagerPayload.Parse(Payload(Firing.Replace("web-1:9100", huge, StringComparison.Ordinal) + "," + other), new AlertLimits(), Received);

        Assert.Equal("label 'instance' is 65536 bytes long; at most 1024 bytes are accepted (Runbooks:Alerts:Limits:MaxLabelValueBytes)", notification.Alerts[0].Problem);
        Assert.True(notification.Alerts[0].Alert.Label("instance").Length <= 1024, "the stored value is cut to the limit");
        Assert.Null(notification.Alerts[1].Problem);
    }

    [Theory]
    [InlineData("\"labels\": { \"alertname\": \"A\", \"bad-name\": \"x\" }", "label name 'bad-name' is not valid; expected a Prometheus label name: a letter or '_', then letters, digits or '_' (at most 128 characters)")]
    [InlineData("\"labels\": { \"alertname\": \"A\", \"port\": 9100 }", "label 'port' is a JSON number; Alertmanager sends strings")]
    [InlineData("\"labels\": { \"alertname\": \"A\\u0000B\" }", "label 'alertname' contains a NUL character, which no value may hold")]
    [InlineData("\"labels\": {}", "the alert has no labels; at least alertname is needed to match it")]
    [InlineData("\"status\": \"pending\"", "status 'pending' is not firing or resolved")]
    [InlineData("\"startsAt\": \"yesterday\"", "startsAt 'yesterday' is not an RFC 3339 time")]
    [InlineData("\"fingerprint\": \"a b\"", "fingerprint 'a b' is not valid; expected 1 to 128 letters, digits, '.', '_', ':' or '-'")]
    public void Parse_AlertBreakingARule_IsRejectedWithTheReason(string replacement, string problem)
    {
        var name = replacement[1..replacement.IndexOf('"', 1)];
        var fields = new Dictionary<string, string>
        {
            ["status"] = "\"status\": \"firing\"", ["labels"] = "\"labels\": { \"alertname\": \"A\" }", ["startsAt"] = "\"startsAt\": \"2026-01-07T02:00:00Z\"",
            ["fingerprint"] = "\"fingerprint\": \"f1\"",
        };
        fields[name] = replacement;
        var alert = "{ " + string.Join(", ", fields.Values) + " }";

        Assert.Equal(problem, Assert.Single(AlertmanagerPayload.Parse(Payload(alert), new AlertLimits(), Received).Alerts).Problem);
    }

    [Fact]
    public void Parse_TooManyLabels_IsRejectedNamingTheSetting()
    {
        var labels = string.Join(", ", Enumerable.Range(0, 5).Select(i => $"\"l{i}\": \"v\""));
        var alert = $$"""{ "status": "firing", "labels": { {{labels}} }, "startsAt": "2026-01-07T02:00:00Z" }""";
        Assert.Equal("the alert has more than 4 labels; at most 4 are accepted (Runbooks:Alerts:Limits:MaxLabels)",
            Assert.Single(AlertmanagerPayload.Parse(Payload(alert), new AlertLimits { MaxLabels = 4 }, Received).Alerts).Problem);
    }

    [Fact]
    public void Parse_NoFingerprint_ComputesOneFromTheSortedLabels()
    {
        var a = """{ "status": "firing", "labels": { "alertname": "A", "instance": "x" }, "startsAt": "2026-01-07T02:00:00Z" }""";
        var b = """{ "status": "firing", "labels": { "instance": "x", "alertname": "A" }, "startsAt": "2026-01-07T02:00:00Z" }""";
        var c = """{ "status": "firing", "labels": { "alertname": "A", "instance": "y" }, "startsAt": "2026-01-07T02:00:00Z" }""";
        var alerts = AlertmanagerPayload.Parse(Payload(a + "," + b + "," + c), new AlertLimits(), Received).Alerts.Select(r => r.Alert.Fingerprint).ToList();
        Assert.Equal(alerts[0], alerts[1]);
        Assert.NotEqual(alerts[0], alerts[2]);
        Assert.Matches("^[0-9a-f]{16}$", alerts[0]);
    }
}
