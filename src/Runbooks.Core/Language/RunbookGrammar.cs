using Runbooks.Core.Shapes;

namespace Runbooks.Core.Language;

/// <summary>
/// The runbook language's keys, declared once. The binder checks documents against these shapes (unknown keys,
/// types, enums) and <see cref="Schema.JsonSchemaGenerator"/> turns them into docs/runbook.schema.json, so the
/// validator and the editor schema cannot drift.
/// </summary>
public static class RunbookGrammar
{
    /// <summary>Allowed characters of runbook names, step ids and parameter names.</summary>
    public const string NamePattern = "^[a-z][a-z0-9_-]{0,62}$";

    /// <summary>What <see cref="NamePattern"/> means, for messages.</summary>
    public const string NameRule = "a name that starts with a lowercase letter, followed by lowercase letters, digits, '-' or '_' (at most 63 characters)";

    /// <summary>
    /// Allowed characters of step ids: like names but without '-', because an id is read as <c>steps.&lt;id&gt;</c>
    /// in templates, where '-' would be a minus.
    /// </summary>
    public const string StepIdPattern = "^[a-z][a-z0-9_]{0,62}$";

    /// <summary>What <see cref="StepIdPattern"/> means, for messages.</summary>
    public const string StepIdRule = "an id that starts with a lowercase letter, followed by lowercase letters, digits or '_' (at most 63 characters; no '-', which templates would read as minus in steps.<id>)";

    private const string CountOrPercent = "^[0-9]+%?$";

    /// <summary><c>retry:</c>.</summary>
    public static readonly ValueShape Retry = Structural(ValueShape.Object("How a failed step is tried again.",
        new FieldShape("attempts", ValueShape.Int("Total attempts including the first; 1 means no retry.") with { Default = 3L, Minimum = 1, Maximum = 100, TemplateAllowed = false }),
        new FieldShape("backoff", ValueShape.Enum("How the delay grows: fixed, or exponential (doubling).", "fixed", "exponential") with { Default = "exponential", TemplateAllowed = false }),
        new FieldShape("initialDelay", ValueShape.Duration("Delay before the second attempt.") with { Default = "1s", TemplateAllowed = false }),
        new FieldShape("maxDelay", ValueShape.Duration("Cap on any delay.") with { Default = "5m", TemplateAllowed = false }),
        new FieldShape("jitter", ValueShape.Number("Random spread as a fraction of the delay (0.2 = ±20%).") with { Default = 0.0, Minimum = 0, Maximum = 1, TemplateAllowed = false }),
        new FieldShape("when", ValueShape.String("An expression over `attempt` (number, status, exitCode, error, outputs); retry only when true.") with { TemplateAllowed = false })));

    /// <summary><c>forEach:</c>.</summary>
    public static readonly ValueShape ForEach = Structural(ValueShape.Object("Runs the step once per item.",
        new FieldShape("items", ValueShape.Any("A list, or a template that yields one (e.g. \"{{ params.services }}\")."), Required: true),
        new FieldShape("as", ValueShape.String("The name of the current item in templates; `index` holds its position.") with { Default = "item", Pattern = "^[a-z][a-zA-Z0-9_]*$", PatternDescription = "a lowercase identifier", TemplateAllowed = false }),
        new FieldShape("concurrency", ValueShape.Int("How many items run at once.") with { Default = 1L, Minimum = 1, Maximum = 1000, TemplateAllowed = false })));

    /// <summary>A step; nested step lists refer back to it.</summary>
    public static readonly ValueShape Step = Structural(ValueShape.Object("One step: an action, a forEach, or a parallel group.",
        new FieldShape("id", ValueShape.String("Unique id, used as steps.<id> in templates.") with { Pattern = StepIdPattern, PatternDescription = StepIdRule, TemplateAllowed = false }, Required: true),
        new FieldShape("name", ValueShape.String("A human title.") with { TemplateAllowed = false }),
        new FieldShape("action", ValueShape.String("The action to run (see `runbooks actions`).") with { TemplateAllowed = false }),
        new FieldShape("with", ValueShape.Map("The action's inputs.", ValueShape.Any("An input value; strings may contain {{ templates }}.")) with { TemplateAllowed = false }),
        new FieldShape("if", ValueShape.String("An expression; the step is skipped when it is false.") with { TemplateAllowed = false }),
        new FieldShape("retry", Retry),
        new FieldShape("timeout", ValueShape.Duration("Time limit per attempt; the command is killed when it passes.") with { TemplateAllowed = false }),
        new FieldShape("continueOnError", ValueShape.Bool("Record a failure but go on with the run.") with { Default = false, TemplateAllowed = false }),
        new FieldShape("idempotent", ValueShape.Bool("Whether running the step twice is harmless (defaults to the action's own).") with { TemplateAllowed = false }),
        new FieldShape("outputs", ValueShape.Map("Outputs computed from `result` after success.", ValueShape.Any("A value or template over result.outputs, result.stdout, result.exitCode.")) with { TemplateAllowed = false }),
        new FieldShape("forEach", ForEach),
        new FieldShape("steps", StepList("The block run per item of a forEach.")),
        new FieldShape("parallel", StepList("Branches run at the same time; the group fails if any branch fails.")),
        new FieldShape("onFailure", StepList("Steps run when this step fails, after its retries."))));

    /// <summary>A parameter definition.</summary>
    public static readonly ValueShape Parameter = Structural(ValueShape.Object("A typed parameter.",
        new FieldShape("type", ValueShape.Enum("The parameter's type.", [.. ValueKindNames.ParameterTypes]) with { TemplateAllowed = false }, Required: true),
        new FieldShape("description", ValueShape.String("What it means.") with { TemplateAllowed = false }),
        new FieldShape("required", ValueShape.Bool("Whether a value must be given (a default satisfies it).") with { Default = false, TemplateAllowed = false }),
        new FieldShape("default", ValueShape.Any("The value when none is given.") with { TemplateAllowed = false }),
        new FieldShape("allowed", ValueShape.List("The only values accepted.", ValueShape.Any("An allowed value.")) with { TemplateAllowed = false }),
        new FieldShape("pattern", ValueShape.String("A regular expression the whole value must match.") with { TemplateAllowed = false })));

    /// <summary><c>targets.strategy:</c>.</summary>
    public static readonly ValueShape Strategy = Structural(ValueShape.Object("How a fleet is rolled through.",
        new FieldShape("concurrency", ValueShape.String("Targets at once: a count or a percentage.") with { Default = "1", Pattern = CountOrPercent, PatternDescription = "a count or a percentage such as 10 or 25%", TemplateAllowed = false }),
        new FieldShape("batch", ValueShape.String("Targets per rolling batch: a count or a percentage.") with { Pattern = CountOrPercent, PatternDescription = "a count or a percentage such as 10 or 25%", TemplateAllowed = false }),
        new FieldShape("maxErrors", ValueShape.String("Failures tolerated; one more halts dispatching, in-flight targets finish.") with { Default = "0", Pattern = CountOrPercent, PatternDescription = "a count or a percentage such as 10 or 25%", TemplateAllowed = false }),
        new FieldShape("pauseBetweenBatches", ValueShape.Duration("Pause between batches.") with { TemplateAllowed = false }),
        new FieldShape("healthCheck", StepList("Steps run on this machine after each batch but the last (after the pause); a failure halts the rollout. They see rollout.batch, rollout.hosts and rollout.failedHosts."))));

    /// <summary><c>targets:</c>.</summary>
    public static readonly ValueShape Targets = ValueShape.Object("Where the runbook runs: `local`, or hosts, groups and label selectors from the inventory.",
        new FieldShape("hosts", ValueShape.List("Inventory host names; templates allowed.", ValueShape.String("A host name.")) with { ScalarAsList = true }),
        new FieldShape("groups", ValueShape.List("Inventory group names.", ValueShape.String("A group name.") with { TemplateAllowed = false }) with { ScalarAsList = true, TemplateAllowed = false }),
        new FieldShape("selector", ValueShape.String("A label selector: env=prod,role in (web,api),tier!=db.") with { TemplateAllowed = false }),
        new FieldShape("strategy", Strategy)) with { LiteralAlternatives = ["local"], TemplateAllowed = false };

    /// <summary>The trigger kinds, in the order messages list them; each item of <c>triggers:</c> has exactly one.</summary>
    public static readonly IReadOnlyList<string> TriggerKinds = ["schedule", "alert"];

    /// <summary><c>triggers: - schedule:</c>.</summary>
    public static readonly ValueShape Schedule = Structural(ValueShape.Object("Runs the runbook on a cron schedule in a time zone, optionally only inside a maintenance window.",
        new FieldShape("id", ValueShape.String("Unique among the runbook's triggers; the schedule's id is <runbook>/<id>. Default: schedule-<n>, counting from 1.") with { Pattern = NamePattern, PatternDescription = NameRule, TemplateAllowed = false }),
        new FieldShape("cron", ValueShape.String("5 fields (minute hour day-of-month month day-of-week), or 6 with seconds first, e.g. \"0 3 * * SUN\".") with { TemplateAllowed = false }, Required: true),
        new FieldShape("timeZone", ValueShape.String("The IANA time zone the cron is read in, e.g. Europe/Berlin; daylight saving time follows the zone.") with { Default = "UTC", TemplateAllowed = false }),
        new FieldShape("parameters", ValueShape.Map("Parameter values for every scheduled run, checked against the runbook's parameters.", ValueShape.Any("A literal value.") with { TemplateAllowed = false }) with { TemplateAllowed = false }),
        new FieldShape("targets", Targets with { Description = "Targets for scheduled runs instead of the runbook's own; the same shape as the runbook's targets." }),
        new FieldShape("window", ValueShape.String("The name of a maintenance window (Runbooks:Maintenance:Windows) the runs must fall in.") with { Pattern = NamePattern, PatternDescription = NameRule, TemplateAllowed = false }),
        new FieldShape("outsideWindow", ValueShape.Enum("A fire time outside the window: wait for the window to open, or skip it.", "wait", "skip") with { Default = "wait", TemplateAllowed = false }),
        new FieldShape("misfire", ValueShape.Enum("Fire times missed while no scheduler ran: run once for all of them, or skip them.", "runOnce", "skip") with { Default = "runOnce", TemplateAllowed = false }),
        new FieldShape("enabled", ValueShape.Bool("False keeps the schedule but never fires it.") with { Default = true, TemplateAllowed = false })));

    /// <summary>Allowed label names in an alert trigger's <c>match:</c> (Prometheus label names).</summary>
    public const string LabelNamePattern = "^[a-zA-Z_][a-zA-Z0-9_]{0,127}$";

    /// <summary>What <see cref="LabelNamePattern"/> means, for messages.</summary>
    public const string LabelNameRule = "a Prometheus label name: a letter or '_', then letters, digits or '_' (at most 128 characters)";

    /// <summary>The operators of a label matcher written as a map (<c>env: { not: dev }</c>).</summary>
    public static readonly IReadOnlyList<string> MatchOperators = ["equals", "not", "regex", "notRegex"];

    /// <summary><c>triggers: - alert: maxRuns:</c>.</summary>
    public static readonly ValueShape MaxRuns = Structural(ValueShape.Object("The circuit breaker: at most `count` automatic runs per `per`, for one alert and for one target; one more firing trips it (no run, one escalation, the target needs a human until reset). Default: 3 per 1h.",
        new FieldShape("count", ValueShape.Int("Automatic runs allowed in the window.") with { Minimum = 1, Maximum = 1000, TemplateAllowed = false }, Required: true),
        new FieldShape("per", ValueShape.Duration("The sliding window, e.g. 1h.") with { TemplateAllowed = false }, Required: true)));

    /// <summary><c>triggers: - alert:</c>.</summary>
    public static readonly ValueShape Alert = Structural(ValueShape.Object("Runs the runbook when an incoming alert (Alertmanager or a mapped JSON webhook) matches, with deduplication, a cooldown and a circuit breaker.",
        new FieldShape("id", ValueShape.String("Unique among the runbook's triggers. Default: alert-<n>, counting alert triggers from 1.") with { Pattern = NamePattern, PatternDescription = NameRule, TemplateAllowed = false }),
        new FieldShape("match", ValueShape.Map("Label matchers, all of which must hold: `label: value` (equals), or `label: { equals | not | regex | notRegex: … }`. Regexes match the whole value. A missing label has the value \"\".",
            ValueShape.Any("A value (equals), or a map with one of equals, not, regex, notRegex.") with { TemplateAllowed = false }) with { TemplateAllowed = false }, Required: true),
        new FieldShape("severity", ValueShape.List("The alert's `severity` label must be one of these.", ValueShape.String("A severity, e.g. critical.") with { TemplateAllowed = false }) with { ScalarAsList = true, TemplateAllowed = false }),
        new FieldShape("params", ValueShape.Map("Parameter values for the run: templates over `alert.*` (labels, annotations, status, startsAt, fingerprint …) or literals; checked against the runbook's parameters.", ValueShape.Any("A template such as \"{{ alert.labels.instance }}\", or a literal.")) with { TemplateAllowed = false }),
        new FieldShape("cooldown", ValueShape.Duration("After a run for the alert ends, new firings of it start no run for this long; 0s turns it off.") with { Default = "5m", TemplateAllowed = false }),
        new FieldShape("maxRuns", MaxRuns),
        new FieldShape("verify", ValueShape.String("The id of the step that verifies the fix: when it fails (or the run fails), the remediation failed and escalates.") with { Pattern = StepIdPattern, PatternDescription = StepIdRule, TemplateAllowed = false }),
        new FieldShape("window", ValueShape.String("The name of a maintenance window (Runbooks:Maintenance:Windows); an alert outside it starts no run (decision outsideWindow).") with { Pattern = NamePattern, PatternDescription = NameRule, TemplateAllowed = false }),
        new FieldShape("enabled", ValueShape.Bool("False keeps the trigger but never matches it.") with { Default = true, TemplateAllowed = false })));

    /// <summary>An item of <c>triggers:</c>: exactly one kind key.</summary>
    public static readonly ValueShape Trigger = Structural(ValueShape.Object("What starts the runbook: exactly one kind key.",
        new FieldShape("schedule", Schedule),
        new FieldShape("alert", Alert)) with { ExactlyOneOf = [TriggerKinds] });

    /// <summary><c>designer: positions: &lt;step id&gt;:</c>.</summary>
    public static readonly ValueShape Position = Structural(ValueShape.Object("Where a step's node stands on the designer's canvas, in pixels from the top left.",
        new FieldShape("x", ValueShape.Number("Pixels to the right.") with { TemplateAllowed = false }, Required: true),
        new FieldShape("y", ValueShape.Number("Pixels down.") with { TemplateAllowed = false }, Required: true)));

    /// <summary><c>designer:</c>: what the visual designer keeps in the file. The engine never reads it.</summary>
    public static readonly ValueShape Designer = Structural(ValueShape.Object("What the visual designer keeps in the file; a run never reads it.",
        new FieldShape("positions", ValueShape.Map("Node positions by step id (any step of the runbook, nested ones included); steps without one are laid out automatically.", Position) with { TemplateAllowed = false })));

    /// <summary>The document.</summary>
    public static readonly ValueShape Runbook = Structural(ValueShape.Object("A Runbooks runbook.",
        new FieldShape("name", ValueShape.String("The runbook's name.") with { Pattern = NamePattern, PatternDescription = NameRule, TemplateAllowed = false }, Required: true),
        new FieldShape("description", ValueShape.String("What it does, for people.") with { TemplateAllowed = false }),
        new FieldShape("version", ValueShape.String("The author's version label, e.g. 1.2.0.") with { TemplateAllowed = false }),
        new FieldShape("tags", ValueShape.List("Tags for search and grouping.", ValueShape.String("A tag.") with { TemplateAllowed = false }) with { ScalarAsList = true, TemplateAllowed = false }),
        new FieldShape("parameters", ValueShape.Map("Typed parameters by name.", Parameter) with { TemplateAllowed = false }),
        new FieldShape("targets", Targets),
        new FieldShape("triggers", ValueShape.List("What starts the runbook besides a person: schedules and alerts.", ValueShape.Any("A trigger.") with { RecursiveRef = "trigger" }) with { TemplateAllowed = false }),
        new FieldShape("steps", StepList("The steps, in order."), Required: true),
        new FieldShape("onFailure", StepList("Steps run when the run fails.")),
        new FieldShape("finally", StepList("Steps run at the end whatever happened.")),
        new FieldShape("outputs", ValueShape.Map("The run's outputs, rendered after the main steps succeed.", ValueShape.Any("A value or template.")) with { TemplateAllowed = false }),
        new FieldShape("designer", Designer)));

    // The runbook's structure is fixed when it is validated: a template can never stand for it.
    private static ValueShape Structural(ValueShape shape) => shape with { TemplateAllowed = false };

    private static ValueShape StepList(string description) =>
        ValueShape.List(description, ValueShape.Any("A step.") with { RecursiveRef = "step" }) with { TemplateAllowed = false };
}
