using Runbooks.Core.Model;
using Runbooks.Core.Tests.Validation;

namespace Runbooks.Core.Tests.Alerts;

/// <summary>The rules of <c>triggers: - alert:</c>, one test per rule, exact messages.</summary>
public sealed class AlertTriggerRuleTests
{
    private const string Head = """
        name: heal
        parameters:
          host: { type: string, required: true }
          port: { type: int, default: 80 }
        triggers:
        """;

    private const string Steps = """

        steps:
          - { id: check, action: log, with: { message: "{{ params.host }}" } }
          - { id: verify, action: log, with: { message: "{{ alert.labels.instance }}" } }
        """;

    private static string Errors(string trigger) => string.Join("\n", Validator.Errors(Head + "\n" + trigger + Steps));

    private static string Single(string trigger) => Validator.Single(Head + "\n" + trigger + Steps);

    [Fact]
    public void LoadText_FullAlertTrigger_BindsEveryField()
    {
        var result = Validator.Loader.LoadText(Head + """

              - alert:
                  id: nginx-down
                  match: { alertname: NginxDown, env: { not: dev }, instance: { regex: "web-[0-9]+:9100" }, team: { notRegex: "db|ops" }, job: { equals: node } }
                  severity: [critical, warning]
                  params: { host: "{{ alert.labels.instance | string.split ':' | array.first }}", port: 8080 }
                  cooldown: 10m
                  maxRuns: { count: 2, per: 30m }
                  verify: verify
                  enabled: false
              - alert: { match: { alertname: DiskFull }, params: { host: "{{ alert.labels.instance }}" } }
            """ + Steps, Validator.FileName);

        Assert.True(result.IsValid, string.Join('\n', result.Diagnostics));
        var alerts = result.Runbook!.Triggers.Cast<AlertTrigger>().ToList();
        var first = alerts[0];
        Assert.Equal(("nginx-down", "triggers[0].alert", false), (first.Id, first.Path, first.Enabled));
        Assert.Equal(["alertname=\"NginxDown\"", "env!=\"dev\"", "instance=~\"web-[0-9]+:9100\"", "team!~\"db|ops\"", "job=\"node\""], first.Match.Select(m => m.ToString()));
        Assert.Equal(["critical", "warning"], first.Severity);
        Assert.Equal((TimeSpan.FromMinutes(10), new AlertTriggerLimit(2, TimeSpan.FromMinutes(30)), "verify"), (first.Cooldown, first.MaxRuns, first.Verify));
        Assert.Equal(["host", "port"], first.Params.Select(p => p.Key));
        Assert.IsType<TemplateText>(first.Params[0].Value);
        Assert.Equal(8080L, Assert.IsType<LiteralValue>(first.Params[1].Value).Value);
        var second = alerts[1];
        Assert.Equal(("alert-2", (IReadOnlyList<string>?)null, true), (second.Id, second.Severity, second.Enabled));
        Assert.Equal((AlertTrigger.DefaultCooldown, AlertTriggerLimit.Default, (string?)null), (second.Cooldown, second.MaxRuns, second.Verify));
    }

    [Fact]
    public void LoadText_MissingMatch_ReportsRB0102()
    {
        Assert.Equal("rb.yaml:6:12: error RB0102 at triggers[0].alert: missing required key 'match'",
            Single("""  - alert: { params: { host: "{{ alert.labels.instance }}" } }"""));
    }

    [Fact]
    public void LoadText_EmptyMatch_ReportsRB0118()
    {
        Assert.Equal("rb.yaml:6:21: error RB0118 at triggers[0].alert.match: match needs at least one label matcher (e.g. alertname: NginxDown); an empty match would start the runbook for every alert",
            Single("""  - alert: { match: {}, params: { host: "{{ alert.labels.instance }}" } }"""));
    }

    [Fact]
    public void LoadText_BadLabelName_ReportsRB0118()
    {
        Assert.Equal("rb.yaml:6:23: error RB0118 at triggers[0].alert.match.team-name: 'team-name' is not a label name; expected a Prometheus label name: a letter or '_', then letters, digits or '_' (at most 128 characters)",
            Single("""  - alert: { match: { team-name: web }, params: { host: "{{ alert.labels.instance }}" } }"""));
    }

    [Fact]
    public void LoadText_UnknownOperator_ReportsRB0118WithHint()
    {
        Assert.Equal("rb.yaml:6:30: error RB0118 at triggers[0].alert.match.env.nto: unknown match operator 'nto' (did you mean 'not'?); allowed operators: equals, not, regex, notRegex",
            Single("""  - alert: { match: { env: { nto: dev } }, params: { host: "{{ alert.labels.instance }}" } }"""));
    }

    [Fact]
    public void LoadText_MatcherWithTwoOperators_ReportsRB0118()
    {
        Assert.Equal("rb.yaml:6:28: error RB0118 at triggers[0].alert.match.env: a label matcher is a value or a map with exactly one operator, got a map with 2 keys; write label: value, or label: { equals | not | regex | notRegex: value }",
            Single("""  - alert: { match: { env: { not: dev, regex: "p.*" } }, params: { host: "{{ alert.labels.instance }}" } }"""));
    }

    [Fact]
    public void LoadText_MatcherList_ReportsRB0118()
    {
        Assert.Equal("rb.yaml:6:28: error RB0118 at triggers[0].alert.match.env: a label matcher is a value or a map with exactly one operator, got a list; write label: value, or label: { equals | not | regex | notRegex: value }",
            Single("""  - alert: { match: { env: [prod, dev] }, params: { host: "{{ alert.labels.instance }}" } }"""));
    }

    [Fact]
    public void LoadText_BadRegex_ReportsRB0118()
    {
        Assert.Equal("rb.yaml:6:43: error RB0118 at triggers[0].alert.match.instance.regex: 'web-[0-9' is not a valid regular expression: Invalid pattern 'web-[0-9' at offset 8. Unterminated [] set.",
            Single("""  - alert: { match: { instance: { regex: "web-[0-9" } }, params: { host: "{{ alert.labels.instance }}" } }"""));
    }

    [Fact]
    public void LoadText_TemplateInMatcher_ReportsRB0118()
    {
        Assert.Equal("rb.yaml:6:35: error RB0118 at triggers[0].alert.match.alertname: a label matcher is written out literally; templates are not rendered in match",
            Single("""  - alert: { match: { alertname: "{{ alert.labels.x }}" }, params: { host: "{{ alert.labels.instance }}" } }"""));
    }

    [Fact]
    public void LoadText_ParamsReadingParams_ReportsRB0306()
    {
        Assert.Equal("rb.yaml:6:62: error RB0306 at triggers[0].alert.params.host: unknown variable 'params'; available here: alert",
            Single("""  - alert: { match: { alertname: Down }, params: { host: "{{ params.port }}" } }"""));
    }

    [Fact]
    public void LoadText_ParamsReadingUnknownAlertField_ReportsRB0119WithHint()
    {
        Assert.Equal("rb.yaml:6:62: error RB0119 at triggers[0].alert.params.host: an alert has no field 'lables' (did you mean 'labels'?); its fields: status, labels, annotations, startsAt, endsAt, generatorURL, fingerprint, receiver, source",
            Single("""  - alert: { match: { alertname: Down }, params: { host: "{{ alert.lables.instance }}" } }"""));
    }

    [Fact]
    public void LoadText_ParamNotDeclared_ReportsRB0403()
    {
        Assert.Equal("rb.yaml:6:85: error RB0403 at triggers[0].alert.params.hots: 'heal' has no parameter 'hots' (did you mean 'host'?); its parameters: host, port",
            Single("""  - alert: { match: { alertname: Down }, params: { host: "{{ alert.fingerprint }}", hots: x } }"""));
    }

    [Fact]
    public void LoadText_RequiredParamNotGiven_ReportsRB0402()
    {
        Assert.Equal("rb.yaml:6:50: error RB0402 at triggers[0].alert.params: parameter 'host' (string) is required and has no default; give it in the trigger's params, e.g. host: \"{{ alert.labels.<label> }}\"",
            Single("""  - alert: { match: { alertname: Down }, params: { port: 81 } }"""));
    }

    [Fact]
    public void LoadText_LiteralParamOfWrongType_ReportsRB0401()
    {
        Assert.Equal("rb.yaml:6:91: error RB0401 at triggers[0].alert.params.port: parameter 'port': expected an int, got 'http'",
            Single("""  - alert: { match: { alertname: Down }, params: { host: "{{ alert.fingerprint }}", port: http } }"""));
    }

    [Fact]
    public void LoadText_UnknownVerifyStep_ReportsRB0303WithHint()
    {
        Assert.Equal("rb.yaml:6:95: error RB0303 at triggers[0].alert.verify: unknown step 'verfy' (did you mean 'verify'?); verify names the step that checks the fix; steps: check, verify",
            Single("""  - alert: { match: { alertname: Down }, params: { host: "{{ alert.fingerprint }}" }, verify: verfy }"""));
    }

    [Fact]
    public void LoadText_BadCooldown_ReportsRB0105()
    {
        Assert.Equal("rb.yaml:6:97: error RB0105 at triggers[0].alert.cooldown: 'ten minutes' is not a duration; expected a number with a unit: ms, s, m, h or d (e.g. 500ms, 30s, 5m, 1h30m), at most 24d",
            Single("""  - alert: { match: { alertname: Down }, params: { host: "{{ alert.fingerprint }}" }, cooldown: ten minutes }"""));
    }

    [Fact]
    public void LoadText_MaxRunsCountZero_ReportsRB0109()
    {
        Assert.Equal("rb.yaml:6:105: error RB0109 at triggers[0].alert.maxRuns.count: 0 is out of range; allowed: 1 to 1000",
            Single("""  - alert: { match: { alertname: Down }, params: { host: "{{ alert.fingerprint }}" }, maxRuns: { count: 0, per: 1h } }"""));
    }

    [Fact]
    public void LoadText_MaxRunsWithoutPer_ReportsRB0102()
    {
        Assert.Equal("rb.yaml:6:96: error RB0102 at triggers[0].alert.maxRuns: missing required key 'per'",
            Single("""  - alert: { match: { alertname: Down }, params: { host: "{{ alert.fingerprint }}" }, maxRuns: { count: 3 } }"""));
    }

    [Fact]
    public void LoadText_UnknownAlertKey_ReportsRB0101()
    {
        Assert.Equal("rb.yaml:6:87: error RB0101 at triggers[0].alert.cooldwn: unknown key 'cooldwn' (did you mean 'cooldown'?); allowed keys: id, match, severity, params, cooldown, maxRuns, verify, window, enabled",
            Single("""  - alert: { match: { alertname: Down }, params: { host: "{{ alert.fingerprint }}" }, cooldwn: 5m }"""));
    }

    [Fact]
    public void LoadText_MatchBesideTheKind_ReportsRB0115PointingIntoAlert()
    {
        Assert.Equal("rb.yaml:6:91: error RB0115 at triggers[0].match: unknown trigger kind 'match' ('match' belongs inside the kind: write - alert: { match: … }); allowed kinds: schedule, alert",
            Single("""  - { alert: { match: { alertname: Down }, params: { host: "{{ alert.fingerprint }}" } }, match: x }"""));
    }

    [Fact]
    public void LoadText_SecretParam_ReportsRB0401()
    {
        var error = Validator.Single("""
            name: heal
            parameters:
              token: { type: secret, required: true }
            triggers:
              - alert: { match: { alertname: Down }, params: { token: "{{ alert.labels.token }}" } }
            steps:
              - { id: a, action: log, with: { message: hi } }
            """);
        Assert.Equal("rb.yaml:5:59: error RB0401 at triggers[0].alert.params.token: parameter 'token' is a secret, and an alert must not choose a secret; read it in the runbook with {{ secrets.<name> }} instead", error);
    }

    [Fact]
    public void LoadText_DuplicateAlertTriggerId_ReportsRB0116()
    {
        var errors = Errors("""
              - alert: { match: { alertname: Down }, params: { host: "{{ alert.fingerprint }}" } }
              - alert: { id: alert-1, match: { alertname: Up }, params: { host: "{{ alert.fingerprint }}" } }
            """);
        Assert.Equal("rb.yaml:7:12: error RB0116 at triggers[1].alert.id: duplicate trigger id 'alert-1' (first used at line 6); trigger ids must be unique in the runbook (an alert without an id is alert-<n>, counting alerts from 1)", errors);
    }

    [Fact]
    public void LoadText_UnknownWindow_ReportsRB0117()
    {
        var loader = new Core.Validation.RunbookLoader(Validator.Actions, new Core.Templates.ScribanTemplateEngine(), ["business-hours"]);
        var result = loader.LoadText(Head + "\n" + """  - alert: { match: { alertname: Down }, params: { host: "{{ alert.fingerprint }}" }, window: busines-hours }""" + Steps, "rb.yaml");
        Assert.Equal("rb.yaml:6:95: error RB0117 at triggers[0].alert.window: unknown maintenance window 'busines-hours' (did you mean 'business-hours'?); configured windows: business-hours",
            Assert.Single(result.Diagnostics).ToString());
    }
}
