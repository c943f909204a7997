namespace Runbooks.Core.Model;

/// <summary>
/// <c>triggers: - schedule:</c> — run the runbook on a cron schedule in a time zone, optionally only inside a named
/// maintenance window. Validated when the runbook loads: the cron parses, the zone exists, the parameters fit.
/// </summary>
public sealed record ScheduleTrigger : TriggerDefinition
{
    /// <inheritdoc />
    public override string Kind => "schedule";

    /// <summary>The cron expression: 5 fields (minute precision) or 6 with seconds first.</summary>
    public required string Cron { get; init; }

    /// <summary>The IANA time zone the cron is read in (default <c>UTC</c>); daylight saving time follows the zone.</summary>
    public string TimeZone { get; init; } = "UTC";

    /// <summary>Parameter values for every scheduled run, already converted to the parameters' types.</summary>
    public IReadOnlyDictionary<string, object?> Parameters { get; init; } = new Dictionary<string, object?>();

    /// <summary>Targets that replace the runbook's own for scheduled runs, or null to use the runbook's.</summary>
    public TargetsDefinition? Targets { get; init; }

    /// <summary>The maintenance window the runs must fall in, or null for none.</summary>
    public string? Window { get; init; }

    /// <summary>What a fire time outside <see cref="Window"/> does (default <see cref="OutsideWindowPolicy.Wait"/>).</summary>
    public OutsideWindowPolicy OutsideWindow { get; init; } = OutsideWindowPolicy.Wait;

    /// <summary>What fire times missed while no scheduler ran do (default <see cref="MisfirePolicy.RunOnce"/>).</summary>
    public MisfirePolicy Misfire { get; init; } = MisfirePolicy.RunOnce;

    /// <summary>False keeps the schedule in the runbook but never fires it.</summary>
    public bool Enabled { get; init; } = true;
}
