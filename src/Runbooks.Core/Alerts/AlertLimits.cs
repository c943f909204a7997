namespace Runbooks.Core.Alerts;

/// <summary>
/// What an incoming notification may hold (<c>Runbooks:Alerts:Limits</c>). An alert over a limit is stored (values cut
/// to the limit) with a <c>rejected</c> decision that names the label and the limit; it starts no run.
/// </summary>
public sealed record AlertLimits
{
    /// <summary>Alerts in one notification. Default 1000 (Alertmanager's own default group limit is far lower).</summary>
    public int MaxAlerts { get; init; } = 1000;

    /// <summary>Labels on one alert. Default 64.</summary>
    public int MaxLabels { get; init; } = 64;

    /// <summary>Annotations on one alert. Default 64.</summary>
    public int MaxAnnotations { get; init; } = 64;

    /// <summary>UTF-8 bytes in one label value. Default 1024 (1 KiB): host names, services and job names fit many times.</summary>
    public int MaxLabelValueBytes { get; init; } = 1024;

    /// <summary>UTF-8 bytes in one annotation value. Default 16384 (16 KiB): descriptions are prose.</summary>
    public int MaxAnnotationValueBytes { get; init; } = 16 * 1024;

    /// <summary>Reads <c>Runbooks:Alerts:Limits</c> from flattened settings; a bad value throws naming the key and the range.</summary>
    public static AlertLimits Read(IEnumerable<KeyValuePair<string, string?>> settings, string section = "Runbooks:Alerts:Limits")
    {
        ArgumentNullException.ThrowIfNull(settings);
        var defaults = new AlertLimits();
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in settings)
        {
            if (key.StartsWith(section + ":", StringComparison.OrdinalIgnoreCase))
            {
                values[key[(section.Length + 1)..]] = value;
            }
        }
        string[] known = [nameof(MaxAlerts), nameof(MaxLabels), nameof(MaxAnnotations), nameof(MaxLabelValueBytes), nameof(MaxAnnotationValueBytes)];
        foreach (var key in values.Keys.Where(k => !known.Contains(k, StringComparer.OrdinalIgnoreCase)))
        {
            throw new RunbooksException($"{section}:{key} is not a setting; the settings are {string.Join(", ", known)}");
        }
        int Int(string name, int fallback, int max)
        {
            if (!values.TryGetValue(name, out var text) || string.IsNullOrEmpty(text))
            {
                return fallback;
            }
            return int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) && value >= 1 && value <= max
                ? value
                : throw new RunbooksException($"{section}:{name} is '{text}'; expected a whole number from 1 to {max}");
        }
        return new AlertLimits
        {
            MaxAlerts = Int(nameof(MaxAlerts), defaults.MaxAlerts, 100_000),
            MaxLabels = Int(nameof(MaxLabels), defaults.MaxLabels, 1000),
            MaxAnnotations = Int(nameof(MaxAnnotations), defaults.MaxAnnotations, 1000),
            MaxLabelValueBytes = Int(nameof(MaxLabelValueBytes), defaults.MaxLabelValueBytes, 1024 * 1024),
            MaxAnnotationValueBytes = Int(nameof(MaxAnnotationValueBytes), defaults.MaxAnnotationValueBytes, 1024 * 1024),
        };
    }
}
