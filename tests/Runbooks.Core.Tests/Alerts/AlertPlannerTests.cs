using Runbooks.Core.Alerts;
using Runbooks.Core.Inventory;
using Runbooks.Core.Model;
using Runbooks.Core.Scheduling;
using Runbooks.Core.Tests.Engine;

namespace Runbooks.Core.Tests.Alerts;

/// <summary>Binding an alert to a run: values stay data, parameters are checked, targets come from the inventory.</summary>
public sealed class AlertPlannerTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 1, 7, 12, 0, 0, TimeSpan.Zero); // a Wednesday

    private static readonly InventoryDefinition Inventory = new()
    {
        Hosts = [new InventoryHost { Name = "web-1", Address = "127.0.0.1" }, new InventoryHost { Name = "web-2", Address = "127.0.0.2" }],
        Groups = [],
        SourcePath = "inventory.yaml",
    };

    private readonly EngineHarness _harness = new(inventory: Inventory);

    private const string Remote = """
        name: restart-nginx
        parameters:
          host: { type: string, required: true, pattern: "web-[0-9]+" }
          port: { type: int, default: 80 }
          mode: { type: string, default: soft, allowed: [soft, hard] }
        targets: { hosts: ["{{ params.host }}"] }
        triggers:
          - alert:
              match: { alertname: NginxDown }
              params: { host: "{{ alert.labels.instance | string.split ':' | array.first }}", port: "{{ alert.labels.port }}", mode: "{{ alert.annotations.mode ?? 'soft' }}" }
        steps:
          - { id: check, action: log, with: { message: "{{ params.host }}" } }
        """;

    private const string Local = """
        name: note
        parameters:
          note: { type: string, required: true }
        triggers:
          - alert: { match: { alertname: Note }, params: { note: "{{ alert.labels.note }}" }, window: business-hours }
        steps:
          - { id: say, action: log, with: { message: "{{ params.note | shell.quote }}" } }
        """;

    private static MaintenanceCalendar Calendar(params (string Key, string Value)[] extra) => MaintenanceCalendar.Load(
        new Dictionary<string, string?>
        {
            ["Runbooks:Maintenance:Windows:business-hours:Cron"] = "0 9 * * MON-FRI",
            ["Runbooks:Maintenance:Windows:business-hours:Duration"] = "8h",
        }.Concat(extra.Select(e => new KeyValuePair<string, string?>(e.Key, e.Value))), "appsettings.json").Calendar;

    private AlertCandidate Plan(string yaml, IncomingAlert alert, MaintenanceCalendar? calendar = null, DateTimeOffset? at = null) =>
        Assert.Single(new AlertPlanner(_harness.Engine, _harness.Templates, calendar ?? Calendar()).Plan(alert, [_harness.Load(yaml)], at ?? Now, CancellationToken.None));

    [Fact]
    public void Plan_LabelsFillTypedParameters_AndTheTargetResolves()
    {
        var candidate = Plan(Remote, AlertSamples.Firing(("alertname", "NginxDown"), ("instance", "web-1:9100"), ("port", "9100")));

        Assert.Null(candidate.Verdict);
        Assert.Equal(["web-1"], candidate.Targets);
        Assert.Equal(("web-1", 9100L, "soft"), (candidate.Parameters["host"], candidate.Parameters["port"], candidate.Parameters["mode"]));
        Assert.Equal("alert:restart-nginx/alert-1", candidate.Request!.Trigger);
        Assert.Equal("web-1:9100", ((IReadOnlyDictionary<string, object?>)candidate.Request.Alert!["labels"]!)["instance"]);
    }

    [Theory]
    [InlineData("{{ 7*7 }}")]
    [InlineData("$(touch /tmp/canary)")]
    [InlineData("`id`; rm -rf / #")]
    [InlineData("{{ include 'x' }}")]
    [InlineData("--force")]
    [InlineData("' \" \\")]
    public void Plan_TemplateOrShellSyntaxInALabel_EndsUpLiterallyInTheParameter(string hostile)
    {
        var candidate = Plan(Local, AlertSamples.Firing(("alertname", "Note"), ("note", hostile)), at: Now);

        Assert.Null(candidate.Verdict);
        Assert.Equal(hostile, candidate.Parameters["note"]);
    }

    [Fact]
    public void Plan_LabelTheAlertLacks_LeavesTheParameterToItsDefault()
    {
        var candidate = Plan(Remote, AlertSamples.Firing(("alertname", "NginxDown"), ("instance", "web-2:9100")));

        Assert.Null(candidate.Verdict);
        Assert.Equal((80L, "soft"), (candidate.Parameters["port"], candidate.Parameters["mode"]));
    }

    [Fact]
    public void Plan_LabelARequiredParameterNeeds_IsRejectedNamingTheLabel()
    {
        var candidate = Plan(Remote, AlertSamples.Firing(("alertname", "NginxDown")));

        Assert.Equal(AlertDecisionKind.Rejected, candidate.Verdict);
        Assert.Equal("parameter 'host': the alert has no label 'instance', which triggers[0].alert.params.host reads, and the parameter is required without a default", candidate.Reason);
    }

    [Fact]
    public void Plan_HostOutsideTheInventory_IsRejectedWithoutAnyConnection()
    {
        var candidate = Plan(Remote, AlertSamples.Firing(("alertname", "NginxDown"), ("instance", "web-9:9100")));

        Assert.Equal(AlertDecisionKind.Rejected, candidate.Verdict);
        Assert.Equal("host 'web-9' is not in the inventory (inventory.yaml) (did you mean 'web-1'?); nothing connects to a host the inventory does not list", candidate.Reason);
        Assert.Empty(_harness.Journal.Entries);
    }

    [Fact]
    public void Plan_ValueNotMatchingThePattern_IsRejected()
    {
        var candidate = Plan(Remote, AlertSamples.Firing(("alertname", "NginxDown"), ("instance", "db-1;reboot:9100")));

        Assert.Equal(AlertDecisionKind.Rejected, candidate.Verdict);
        Assert.Equal("parameter 'host': 'db-1;reboot' does not match the pattern web-[0-9]+ (the whole value must match)", candidate.Reason);
    }

    [Fact]
    public void Plan_ValueNotOfTheParameterType_IsRejected()
    {
        var candidate = Plan(Remote, AlertSamples.Firing(("alertname", "NginxDown"), ("instance", "web-1:9100"), ("port", "http")));

        Assert.Equal("parameter 'port': expected an int, got 'http'", candidate.Reason);
    }

    [Fact]
    public void Plan_ValueNotAllowed_IsRejected()
    {
        var alert = AlertSamples.Firing(("alertname", "NginxDown"), ("instance", "web-1:9100")) with
        {
            Annotations = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["mode"] = "reboot" },
        };
        Assert.Equal("parameter 'mode': 'reboot' is not allowed; allowed values: soft, hard", Plan(Remote, alert).Reason);
    }

    [Theory]
    [InlineData("web-1\nreboot", "U+000A", 6)]
    [InlineData("a\rb", "U+000D", 2)]
    [InlineData("\u001b[31mred", "U+001B", 1)]
    [InlineData("x\u2028y", "U+2028", 2)]
    public void Plan_ControlCharacterInAValue_IsRejectedSayingWhere(string value, string code, int position)
    {
        var candidate = Plan(Local, AlertSamples.Firing(("alertname", "Note"), ("note", value)));

        Assert.Equal(AlertDecisionKind.Rejected, candidate.Verdict);
        Assert.Equal($"parameter 'note': the value from the alert holds a control character ({code}) at position {position}; control characters and line breaks are not accepted in parameters", candidate.Reason);
    }

    [Fact]
    public void Plan_OutsideTheWindow_IsOutsideWindowWithTheNextOpening()
    {
        var saturday = new DateTimeOffset(2026, 1, 10, 12, 0, 0, TimeSpan.Zero);
        var candidate = Plan(Local, AlertSamples.Firing(("alertname", "Note"), ("note", "x")), at: saturday);

        Assert.Equal(AlertDecisionKind.OutsideWindow, candidate.Verdict);
        Assert.Equal("outside maintenance window 'business-hours'; it next opens 2026-01-12 09:00:00Z", candidate.Reason);
    }

    [Fact]
    public void Plan_DuringAFreeze_IsOutsideWindowNamingTheFreeze()
    {
        var calendar = Calendar(("Runbooks:Maintenance:Freezes:year-end:Start", "2026-01-01"), ("Runbooks:Maintenance:Freezes:year-end:End", "2026-01-08"),
            ("Runbooks:Maintenance:Freezes:year-end:Reason", "year-end close"));
        var candidate = Plan(Remote, AlertSamples.Firing(("alertname", "NginxDown"), ("instance", "web-1:9100")), calendar);

        Assert.Equal(AlertDecisionKind.OutsideWindow, candidate.Verdict);
        Assert.Equal("freeze 'year-end' is in force until 2026-01-08 00:00:00Z (year-end close); no automatic run starts during a freeze", candidate.Reason);
    }

    [Fact]
    public void Plan_NoTriggerMatches_IsEmpty()
    {
        var planner = new AlertPlanner(_harness.Engine, _harness.Templates, Calendar());
        Assert.Empty(planner.Plan(AlertSamples.Firing(("alertname", "Other")), [_harness.Load(Remote), _harness.Load(Local)], Now, CancellationToken.None));
    }

    public void Dispose() => _harness.Dispose();
}
