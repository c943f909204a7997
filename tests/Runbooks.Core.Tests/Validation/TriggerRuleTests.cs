using Runbooks.Core.Model;

namespace Runbooks.Core.Tests.Validation;

/// <summary>RB0113–RB0117 and the parameter rules for <c>triggers: - schedule:</c>, one test per rule, exact messages.</summary>
public sealed class TriggerRuleTests
{
    private const string Head = """
        name: nightly
        parameters:
          host: { type: string, required: true }
          keep: { type: int, default: 7 }
        """;

    private const string Steps = """

        steps:
          - { id: a, action: log, with: { message: "{{ params.host }}" } }
        """;

    [Fact]
    public void LoadText_FullSchedule_BindsEveryField()
    {
        var result = Validator.Loader.LoadText(Head + """

            targets: local
            triggers:
              - schedule:
                  id: weekly
                  cron: "30 2 * * SUN"
                  timeZone: Europe/Berlin
                  parameters: { host: web-1, keep: "3" }
                  targets: { hosts: [web-1, web-2] }
                  window: sunday-night
                  outsideWindow: skip
                  misfire: skip
                  enabled: false
              - schedule: { cron: "*/30 * * * * *", parameters: { host: db-1 } }
            """ + Steps, Validator.FileName);

        Assert.True(result.IsValid, string.Join('\n', result.Diagnostics));
        var schedules = result.Runbook!.Triggers.Cast<ScheduleTrigger>().ToList();
        Assert.Equal(2, schedules.Count);
        var weekly = schedules[0];
        Assert.Equal(("weekly", "30 2 * * SUN", "Europe/Berlin", "sunday-night"), (weekly.Id, weekly.Cron, weekly.TimeZone, weekly.Window));
        Assert.Equal((OutsideWindowPolicy.Skip, MisfirePolicy.Skip, false), (weekly.OutsideWindow, weekly.Misfire, weekly.Enabled));
        Assert.Equal("web-1", weekly.Parameters["host"]);
        Assert.Equal(3L, weekly.Parameters["keep"]);
        Assert.Equal(2, weekly.Targets!.Hosts.Count);
        Assert.Equal("triggers[0].schedule", weekly.Path);
        var second = schedules[1];
        Assert.Equal(("schedule-2", "UTC", null), (second.Id, second.TimeZone, second.Window));
        Assert.Equal((OutsideWindowPolicy.Wait, MisfirePolicy.RunOnce, true, (TargetsDefinition?)null), (second.OutsideWindow, second.Misfire, second.Enabled, second.Targets));
    }

    [Fact]
    public void LoadText_BadCron_ReportsRB0113WithFieldCount()
    {
        var error = Validator.Single(Head + """

            triggers:
              - schedule: { cron: "0 3 * *", parameters: { host: a } }
            """ + Steps);

        Assert.Equal("rb.yaml:6:24: error RB0113 at triggers[0].schedule.cron: '0 3 * *' is not a cron expression: it has 4 field(s); expected " +
            "5 fields: minute hour day-of-month month day-of-week (e.g. \"0 3 * * SUN\"), or 6 with seconds first (e.g. \"*/30 * * * * *\")", error);
    }

    [Fact]
    public void LoadText_CronValueOutOfRange_ReportsRB0113()
    {
        var error = Validator.Single(Head + """

            triggers:
              - schedule: { cron: "0 25 * * *", parameters: { host: a } }
            """ + Steps);

        Assert.StartsWith("rb.yaml:6:24: error RB0113 at triggers[0].schedule.cron: '0 25 * * *' is not a cron expression: ", error, StringComparison.Ordinal);
        Assert.EndsWith("; expected 5 fields: minute hour day-of-month month day-of-week (e.g. \"0 3 * * SUN\"), or 6 with seconds first (e.g. \"*/30 * * * * *\")", error, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadText_UnknownTimeZone_ReportsRB0114WithHint()
    {
        var error = Validator.Single(Head + """

            triggers:
              - schedule: { cron: "0 3 * * *", timeZone: Europe/Berlinn, parameters: { host: a } }
            """ + Steps);

        Assert.Equal("rb.yaml:6:46: error RB0114 at triggers[0].schedule.timeZone: 'Europe/Berlinn' is not a known IANA time zone (did you mean 'Europe/Berlin'?); " +
            "expected a name such as UTC, Europe/Berlin or America/New_York (see /usr/share/zoneinfo)", error);
    }

    [Fact]
    public void LoadText_WindowsTimeZoneId_ReportsRB0114()
    {
        var error = Validator.Single(Head + """

            triggers:
              - schedule: { cron: "0 3 * * *", timeZone: W. Europe Standard Time, parameters: { host: a } }
            """ + Steps);

        Assert.StartsWith("rb.yaml:6:46: error RB0114 at triggers[0].schedule.timeZone: 'W. Europe Standard Time' is not a known IANA time zone", error, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadText_UnknownTriggerKind_ReportsRB0115ListingTheKinds()
    {
        var error = Validator.Single("""
            name: kinds
            triggers:
              - webhook: { match: { alertname: Down } }
            steps:
              - { id: a, action: log, with: { message: hi } }
            """);

        Assert.Equal("rb.yaml:3:5: error RB0115 at triggers[0].webhook: unknown trigger kind 'webhook'; allowed kinds: schedule, alert", error);
    }

    [Fact]
    public void LoadText_ScheduleKeysWithoutTheKind_ReportsRB0115SayingWhereTheyBelong()
    {
        var errors = Validator.Errors("""
            name: kinds
            triggers:
              - cron: "0 3 * * *"
            steps:
              - { id: a, action: log, with: { message: hi } }
            """);

        Assert.Equal(["rb.yaml:3:5: error RB0115 at triggers[0].cron: unknown trigger kind 'cron' ('cron' belongs inside the kind: write - schedule: { cron: … }); allowed kinds: schedule, alert"], errors);
    }

    [Fact]
    public void LoadText_EmptyTrigger_ReportsRB0115()
    {
        var error = Validator.Single("""
            name: kinds
            triggers:
              - {}
            steps:
              - { id: a, action: log, with: { message: hi } }
            """);

        Assert.Equal("rb.yaml:3:5: error RB0115 at triggers[0]: a trigger needs one kind key; allowed kinds: schedule, alert", error);
    }

    [Fact]
    public void LoadText_DuplicateTriggerId_ReportsRB0116AtTheSecond()
    {
        var error = Validator.Single("""
            name: ids
            triggers:
              - schedule: { id: nightly, cron: "0 3 * * *" }
              - schedule: { id: nightly, cron: "0 4 * * *" }
            steps:
              - { id: a, action: log, with: { message: hi } }
            """);

        Assert.Equal("rb.yaml:4:15: error RB0116 at triggers[1].schedule.id: duplicate trigger id 'nightly' (first used at line 3); trigger ids must be unique in the runbook " +
            "(a schedule without an id is schedule-<n>, counting schedules from 1)", error);
    }

    [Fact]
    public void LoadText_ExplicitIdClashingWithDefault_ReportsRB0116()
    {
        var error = Validator.Single("""
            name: ids
            triggers:
              - schedule: { id: schedule-2, cron: "0 3 * * *" }
              - schedule: { cron: "0 4 * * *" }
            steps:
              - { id: a, action: log, with: { message: hi } }
            """);

        Assert.StartsWith("rb.yaml:4:15: error RB0116 at triggers[1].schedule.id: duplicate trigger id 'schedule-2' (first used at line 3)", error, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadText_UnknownWindowWhenWindowsAreKnown_ReportsRB0117WithHint()
    {
        var loader = new Runbooks.Core.Validation.RunbookLoader(Validator.Actions, new Runbooks.Core.Templates.ScribanTemplateEngine(), ["sunday-night", "weekday-evening"]);

        var errors = loader.LoadText("""
            name: windows
            triggers:
              - schedule: { cron: "0 3 * * *", window: sunday-nite }
            steps:
              - { id: a, action: log, with: { message: hi } }
            """, Validator.FileName).Diagnostics.Select(d => d.ToString());

        Assert.Equal(["rb.yaml:3:44: error RB0117 at triggers[0].schedule.window: unknown maintenance window 'sunday-nite' (did you mean 'sunday-night'?); configured windows: sunday-night, weekday-evening"], errors);
    }

    [Fact]
    public void LoadText_AnyWindowWhenWindowsAreNotKnown_IsValid()
    {
        Validator.Valid("""
            name: windows
            triggers:
              - schedule: { cron: "0 3 * * *", window: anything }
            steps:
              - { id: a, action: log, with: { message: hi } }
            """);
    }

    [Fact]
    public void LoadText_UndeclaredParameter_ReportsRB0403WithHint()
    {
        var error = Validator.Single(Head + """

            triggers:
              - schedule: { cron: "0 3 * * *", parameters: { host: a, kep: 3 } }
            """ + Steps);

        Assert.Equal("rb.yaml:6:59: error RB0403 at triggers[0].schedule.parameters.kep: 'nightly' has no parameter 'kep' (did you mean 'keep'?); its parameters: host, keep", error);
    }

    [Fact]
    public void LoadText_ParameterOfWrongType_ReportsRB0401()
    {
        var error = Validator.Single(Head + """

            triggers:
              - schedule: { cron: "0 3 * * *", parameters: { host: a, keep: lots } }
            """ + Steps);

        Assert.Equal("rb.yaml:6:65: error RB0401 at triggers[0].schedule.parameters.keep: parameter 'keep': expected an int, got 'lots'", error);
    }

    [Fact]
    public void LoadText_RequiredParameterMissing_ReportsRB0402()
    {
        var error = Validator.Single(Head + """

            triggers:
              - schedule: { cron: "0 3 * * *", parameters: { keep: 1 } }
            """ + Steps);

        Assert.Equal("rb.yaml:6:48: error RB0402 at triggers[0].schedule.parameters: parameter 'host' (string) is required and has no default; give it in the schedule's parameters", error);
    }

    [Fact]
    public void LoadText_TemplateAsParameterValue_ReportsRB0401()
    {
        var error = Validator.Single(Head + """

            triggers:
              - schedule: { cron: "0 3 * * *", parameters: { host: "{{ run.id }}" } }
            """ + Steps);

        Assert.Equal("rb.yaml:6:57: error RB0401 at triggers[0].schedule.parameters.host: parameter 'host': a schedule's values are written out literally; templates are not rendered here", error);
    }

    [Fact]
    public void LoadText_BadPolicyValue_ReportsRB0104WithTheAllowedValues()
    {
        var errors = Validator.Errors("""
            name: policies
            triggers:
              - schedule: { cron: "0 3 * * *", outsideWindow: later, misfire: always }
            steps:
              - { id: a, action: log, with: { message: hi } }
            """);

        Assert.Equal([
            "rb.yaml:3:51: error RB0104 at triggers[0].schedule.outsideWindow: 'later' is not allowed; allowed values: wait, skip",
            "rb.yaml:3:67: error RB0104 at triggers[0].schedule.misfire: 'always' is not allowed; allowed values: runOnce, skip",
        ], errors);
    }

    [Fact]
    public void LoadText_UnknownScheduleKeyAndMissingCron_ReportsRB0101AndRB0102()
    {
        var errors = Validator.Errors("""
            name: keys
            triggers:
              - schedule: { timezone: UTC }
            steps:
              - { id: a, action: log, with: { message: hi } }
            """);

        Assert.Equal([
            "rb.yaml:3:15: error RB0102 at triggers[0].schedule: missing required key 'cron'",
            "rb.yaml:3:17: error RB0101 at triggers[0].schedule.timezone: unknown key 'timezone' (did you mean 'timeZone'?); allowed keys: id, cron, timeZone, parameters, targets, window, outsideWindow, misfire, enabled",
        ], errors);
    }

    [Fact]
    public void LoadText_TargetOverrideWithBadSelector_ReportsRB0506AtTheOverride()
    {
        var errors = Validator.Errors("""
            name: targets
            triggers:
              - schedule: { cron: "0 3 * * *", targets: { selector: "env=" } }
            steps:
              - { id: a, action: log, with: { message: hi } }
            """);

        Assert.Single(errors);
        Assert.StartsWith("rb.yaml:3:45: error RB0506 at triggers[0].schedule.targets.selector: ", errors[0], StringComparison.Ordinal);
    }

    [Fact]
    public void LoadText_TargetOverrideWithoutHosts_ReportsRB0102AtTheOverride()
    {
        var error = Validator.Single("""
            name: targets
            triggers:
              - schedule: { cron: "0 3 * * *", targets: { strategy: { concurrency: 2 } } }
            steps:
              - { id: a, action: log, with: { message: hi } }
            """);

        Assert.Equal("rb.yaml:3:45: error RB0102 at triggers[0].schedule.targets: targets needs at least one of 'hosts', 'groups' or 'selector', or write targets: local", error);
    }
}
