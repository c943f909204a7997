using System.Text.RegularExpressions;
using Runbooks.Core.Language;

namespace Runbooks.Core.Alerts;

/// <summary>
/// How a JSON webhook body becomes alerts (<c>Runbooks:Alerts:Webhook</c>): dot paths into the body
/// (<c>host.name</c>, <c>tags.0</c> for a list item) for each label and annotation, the status and its resolved values,
/// the start time and an optional fingerprint. Without <see cref="AlertsPath"/> the whole body is one alert. See
/// docs/alerts.md for an example.
/// </summary>
public sealed partial record WebhookMapping
{
    /// <summary>Label name → path. Must map <c>alertname</c>.</summary>
    public required IReadOnlyDictionary<string, string> Labels { get; init; }

    /// <summary>Annotation name → path.</summary>
    public IReadOnlyDictionary<string, string> Annotations { get; init; } = new Dictionary<string, string>();

    /// <summary>The path of a list of alerts in the body, or null: the body is one alert.</summary>
    public string? AlertsPath { get; init; }

    /// <summary>The path of the status, or null: every alert is firing.</summary>
    public string? StatusPath { get; init; }

    /// <summary>Status values (compared ignoring case) that mean resolved; any other value is firing. Default <c>resolved</c>.</summary>
    public IReadOnlyList<string> ResolvedValues { get; init; } = ["resolved"];

    /// <summary>The path of the start time (RFC 3339 text, or Unix seconds), or null: the time the notification arrived.</summary>
    public string? StartsAtPath { get; init; }

    /// <summary>The path of the alert's own id, or null: the fingerprint is computed from the labels.</summary>
    public string? FingerprintPath { get; init; }

    /// <summary>The path of a link back to the source, or null.</summary>
    public string? GeneratorUrlPath { get; init; }

    /// <summary>The receiver name recorded with these alerts. Default <c>webhook</c>.</summary>
    public string Receiver { get; init; } = "webhook";

    private static readonly string[] Keys = ["Labels", "Annotations", "Alerts", "Status", "ResolvedValues", "StartsAt", "Fingerprint", "GeneratorUrl", "Receiver"];

    /// <summary>
    /// Reads the mapping from flattened settings (<c>IConfiguration.AsEnumerable()</c>); null when the section is absent
    /// (the generic webhook is then off). A bad setting throws <see cref="RunbooksException"/> naming the key and what is allowed.
    /// </summary>
    public static WebhookMapping? Read(IEnumerable<KeyValuePair<string, string?>> settings, string section = "Runbooks:Alerts:Webhook")
    {
        ArgumentNullException.ThrowIfNull(settings);
        var values = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in settings)
        {
            if (key.StartsWith(section + ":", StringComparison.OrdinalIgnoreCase) && value is not null)
            {
                values[key[(section.Length + 1)..]] = value;
            }
        }
        if (values.Count == 0)
        {
            return null;
        }
        foreach (var key in values.Keys)
        {
            var top = key.Split(':')[0];
            if (!Keys.Contains(top, StringComparer.OrdinalIgnoreCase))
            {
                throw new RunbooksException($"{section}:{key} is not a setting; the settings are {string.Join(", ", Keys)}");
            }
        }
        Dictionary<string, string> Map(string name)
        {
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var (key, path) in values.Where(v => v.Key.StartsWith(name + ":", StringComparison.OrdinalIgnoreCase)))
            {
                var label = key[(name.Length + 1)..];
                if (!LabelName().IsMatch(label))
                {
                    throw new RunbooksException($"{section}:{key}: '{label}' is not a label name; expected {RunbookGrammar.LabelNameRule}");
                }
                map[label] = Path(section, key, path!);
            }
            return map;
        }
        string? Optional(string name) => values.TryGetValue(name, out var path) ? Path(section, name, path!) : null;
        var labels = Map("Labels");
        if (!labels.ContainsKey("alertname"))
        {
            throw new RunbooksException($"{section}:Labels must map alertname (e.g. {section}:Labels:alertname = \"title\"): triggers match on it");
        }
        var resolved = values.Where(v => v.Key.StartsWith("ResolvedValues:", StringComparison.OrdinalIgnoreCase)).Select(v => v.Value!).ToList();
        return new WebhookMapping
        {
            Labels = labels,
            Annotations = Map("Annotations"),
            AlertsPath = Optional("Alerts"),
            StatusPath = Optional("Status"),
            ResolvedValues = resolved.Count > 0 ? resolved : ["resolved"],
            StartsAtPath = Optional("StartsAt"),
            FingerprintPath = Optional("Fingerprint"),
            GeneratorUrlPath = Optional("GeneratorUrl"),
            Receiver = values.TryGetValue("Receiver", out var receiver) && receiver is { Length: > 0 } ? receiver : "webhook",
        };
    }

    private static string Path(string section, string key, string path) =>
        JsonPath().IsMatch(path)
            ? path
            : throw new RunbooksException($"{section}:{key} is '{path}'; expected a dot path into the JSON body such as host.name or tags.0 (names of letters, digits, '_' or '-')");

    [GeneratedRegex(RunbookGrammar.LabelNamePattern, RegexOptions.CultureInvariant)]
    private static partial Regex LabelName();

    [GeneratedRegex(@"^[A-Za-z0-9_$@-]+(\.[A-Za-z0-9_$@-]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex JsonPath();
}
