using Runbooks.Core.Secrets;
using Serilog.Core;
using Serilog.Events;

namespace Runbooks.Core.Engine;

/// <summary>
/// Masks a run's secrets in every string property of every event logged through the run's logger, before any sink
/// sees it (enrichers run before sinks). Message templates hold no values, so masking properties is enough.
/// </summary>
internal sealed class RedactingEnricher(SecretMasker masker) : ILogEventEnricher
{
    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        if (masker.IsEmpty)
        {
            return;
        }
        foreach (var (name, value) in logEvent.Properties.ToList())
        {
            var masked = Mask(value);
            if (!ReferenceEquals(masked, value))
            {
                logEvent.AddOrUpdateProperty(new LogEventProperty(name, masked));
            }
        }
    }

    private LogEventPropertyValue Mask(LogEventPropertyValue value) => value switch
    {
        ScalarValue { Value: string s } when masker.Apply(s) is var m && !ReferenceEquals(m, s) && m != s => new ScalarValue(m),
        SequenceValue seq => new SequenceValue(seq.Elements.Select(Mask)),
        StructureValue structure => new StructureValue(structure.Properties.Select(p => new LogEventProperty(p.Name, Mask(p.Value))), structure.TypeTag),
        DictionaryValue dict => new DictionaryValue(dict.Elements.Select(kv => new KeyValuePair<ScalarValue, LogEventPropertyValue>(kv.Key, Mask(kv.Value)))),
        _ => value,
    };
}
