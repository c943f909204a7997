using Runbooks.Core.Alerts;
using Runbooks.Core.Model;
using Runbooks.Core.Tests.Validation;

namespace Runbooks.Core.Tests.Alerts;

public sealed class AlertTriggerMatchingTests
{
    private static AlertTrigger Trigger(string alert)
    {
        var result = Validator.Loader.LoadText($$"""
            name: heal
            triggers:
              - alert: {{alert}}
            steps:
              - { id: a, action: log, with: { message: hi } }
            """, Validator.FileName);
        Assert.True(result.IsValid, string.Join('\n', result.Diagnostics));
        return (AlertTrigger)Assert.Single(result.Runbook!.Triggers);
    }

    private static readonly AlertTrigger Nginx = Trigger("""{ match: { alertname: NginxDown, env: { not: dev }, instance: { regex: "web-[0-9]+:9100" }, team: { notRegex: "db|ops" } }, severity: [critical, warning] }""");

    [Fact]
    public void Mismatch_EveryMatcherHolds_IsNull()
    {
        Assert.Null(AlertTriggerMatching.Mismatch(Nginx, AlertSamples.Firing(("alertname", "NginxDown"), ("env", "prod"), ("instance", "web-12:9100"), ("severity", "critical"))));
    }

    [Fact]
    public void Mismatch_NotEqualsOnMissingLabel_Holds()
    {
        // Prometheus semantics: a missing label is "", which is not "dev".
        Assert.Null(AlertTriggerMatching.Mismatch(Nginx, AlertSamples.Firing(("alertname", "NginxDown"), ("instance", "web-1:9100"), ("severity", "warning"))));
    }

    [Theory]
    [InlineData("alertname", "NginxUp", "alertname=\"NginxDown\" does not hold (label alertname is 'NginxUp')")]
    [InlineData("env", "dev", "env!=\"dev\" does not hold (label env is 'dev')")]
    [InlineData("instance", "xweb-1:9100", "instance=~\"web-[0-9]+:9100\" does not hold (label instance is 'xweb-1:9100')")]
    [InlineData("instance", "web-1:9100x", "instance=~\"web-[0-9]+:9100\" does not hold (label instance is 'web-1:9100x')")]
    [InlineData("team", "ops", "team!~\"db|ops\" does not hold (label team is 'ops')")]
    [InlineData("severity", "info", "severity 'info' is not one of critical, warning")]
    public void Mismatch_OneMatcherFails_SaysWhich(string label, string value, string reason)
    {
        var labels = new Dictionary<string, string> { ["alertname"] = "NginxDown", ["instance"] = "web-1:9100", ["severity"] = "critical", [label] = value };
        Assert.Equal(reason, AlertTriggerMatching.Mismatch(Nginx, AlertSamples.Firing([.. labels.Select(l => (l.Key, l.Value))])));
    }

    [Fact]
    public void Mismatch_RegexIsAnchoredAgainstTrailingNewline()
    {
        Assert.NotNull(AlertTriggerMatching.Mismatch(Nginx, AlertSamples.Firing(("alertname", "NginxDown"), ("instance", "web-1:9100\n"), ("severity", "critical"))));
    }

    [Fact]
    public void Mismatch_MissingSeverity_Fails()
    {
        Assert.Equal("severity is missing and is not one of critical, warning",
            AlertTriggerMatching.Mismatch(Nginx, AlertSamples.Firing(("alertname", "NginxDown"), ("instance", "web-1:9100"))));
    }

    [Fact]
    public void Mismatch_CatastrophicRegexOnLongValue_CountsAsNotMatchingWithinTheTimeout()
    {
        var trigger = Trigger("""{ match: { alertname: { regex: "(a+)+b" } } }""");
        var reason = AlertTriggerMatching.Mismatch(trigger, AlertSamples.Firing(("alertname", new string('a', 5000))));
        Assert.Equal("alertname=~\"(a+)+b\" took longer than 100 ms on a 5000-character value and counts as not matching", reason);
    }

    [Fact]
    public void Mismatch_DisabledTrigger_NeverMatches()
    {
        var trigger = Trigger("{ match: { alertname: A }, enabled: false }");
        Assert.Equal("the trigger is disabled (enabled: false)", AlertTriggerMatching.Mismatch(trigger, AlertSamples.Firing(("alertname", "A"))));
    }
}
