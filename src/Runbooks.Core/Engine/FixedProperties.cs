using Serilog.Core;
using Serilog.Events;

namespace Runbooks.Core.Engine;

/// <summary>
/// Adds properties built once (a run's RunId, Runbook and Target; an attempt's StepId, StepPath and Attempt) to every
/// event, instead of building them again for each event as <c>ForContext(name, value)</c> does: steps log on the
/// engine's hot path.
/// </summary>
internal sealed class FixedProperties(params LogEventProperty[] properties) : ILogEventEnricher
{
    public static FixedProperties Of(params (string Name, object? Value)[] values) =>
        new([.. values.Select(v => new LogEventProperty(v.Name, new ScalarValue(v.Value)))]);

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        foreach (var property in properties)
        {
            logEvent.AddPropertyIfAbsent(property);
        }
    }
}
