using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Runbooks.Core.Language;

namespace Runbooks.Core.Alerts;

/// <summary>
/// Collects one alert's values from a parser and checks them against <see cref="AlertLimits"/>: label names, counts,
/// value sizes, characters a database or a log line cannot hold. The first problem is kept (it is the reason of the
/// <c>rejected</c> decision); over-long values are cut so the alert can still be stored and shown.
/// </summary>
internal sealed partial class AlertBuilder(AlertLimits limits, string source, string? receiver)
{
    private const int FingerprintMax = 128;

    private readonly SortedDictionary<string, string> _labels = new(StringComparer.Ordinal);
    private readonly SortedDictionary<string, string> _annotations = new(StringComparer.Ordinal);

    public string? Problem { get; private set; }

    public AlertStatus Status { get; set; } = AlertStatus.Firing;

    public DateTimeOffset? StartsAt { get; set; }

    public DateTimeOffset? EndsAt { get; set; }

    public string? GeneratorUrl { get; set; }

    public string? Fingerprint { get; set; }

    public void Fail(string problem) => Problem ??= problem;

    public void Label(string name, string value) => Add(_labels, "label", name, value, limits.MaxLabels, limits.MaxLabelValueBytes, nameof(AlertLimits.MaxLabelValueBytes));

    public void Annotation(string name, string value) => Add(_annotations, "annotation", name, value, limits.MaxAnnotations, limits.MaxAnnotationValueBytes, nameof(AlertLimits.MaxAnnotationValueBytes));

    public ReceivedAlert Build(DateTimeOffset receivedAt)
    {
        if (_labels.Count == 0)
        {
            Fail("the alert has no labels; at least alertname is needed to match it");
        }
        var fingerprint = Fingerprint;
        if (fingerprint is not null && !FingerprintText().IsMatch(fingerprint))
        {
            Fail($"fingerprint '{Cut(fingerprint, 40)}' is not valid; expected 1 to {FingerprintMax} letters, digits, '.', '_', ':' or '-'");
            fingerprint = null;
        }
        var alert = new IncomingAlert
        {
            Status = Status,
            Labels = _labels,
            Annotations = _annotations,
            StartsAt = Truncate(StartsAt ?? receivedAt),
            EndsAt = EndsAt is { } ends ? Truncate(ends) : null,
            GeneratorUrl = GeneratorUrl is { } url ? Cut(url, 2048) : null,
            Fingerprint = fingerprint ?? AlertFingerprint.Compute(_labels),
            Receiver = receiver,
            Source = source,
        };
        return new ReceivedAlert(alert, Problem);
    }

    /// <summary>Instants keep microseconds: PostgreSQL stores no finer, and deduplication compares them exactly.</summary>
    internal static DateTimeOffset Truncate(DateTimeOffset at) => new(at.UtcTicks - (at.UtcTicks % 10), TimeSpan.Zero);

    /// <summary>RFC 3339 as Alertmanager writes it (nanoseconds included); null when it does not parse.</summary>
    internal static DateTimeOffset? ParseInstant(string text)
    {
        // .NET reads at most 7 fractional digits; Go writes up to 9.
        var trimmed = Fraction().Replace(text, m => m.Value.Length > 8 ? m.Value[..8] : m.Value);
        return DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at) ? at : null;
    }

    private void Add(SortedDictionary<string, string> into, string what, string name, string value, int maxCount, int maxBytes, string setting)
    {
        if (!LabelName().IsMatch(name))
        {
            Fail($"{what} name '{Cut(name, 40)}' is not valid; expected {RunbookGrammar.LabelNameRule}");
            return;
        }
        if (into.Count >= maxCount)
        {
            Fail($"the alert has more than {maxCount} {what}s; at most {maxCount} are accepted (Runbooks:Alerts:Limits:Max{char.ToUpperInvariant(what[0])}{what[1..]}s)");
            return;
        }
        var bytes = Encoding.UTF8.GetByteCount(value);
        if (bytes > maxBytes)
        {
            Fail($"{what} '{name}' is {bytes} bytes long; at most {maxBytes} bytes are accepted (Runbooks:Alerts:Limits:{setting})");
            value = Cut(value, maxBytes / 4);
        }
        if (value.Contains('\0', StringComparison.Ordinal))
        {
            Fail($"{what} '{name}' contains a NUL character, which no value may hold");
            value = value.Replace('\0', '\uFFFD');
        }
        into[name] = value;
    }

    private static string Cut(string text, int chars) => text.Length <= chars ? text : text[..chars] + "…";

    [GeneratedRegex(RunbookGrammar.LabelNamePattern, RegexOptions.CultureInvariant)]
    private static partial Regex LabelName();

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,128}$", RegexOptions.CultureInvariant)]
    private static partial Regex FingerprintText();

    [GeneratedRegex(@"\.[0-9]+", RegexOptions.CultureInvariant)]
    private static partial Regex Fraction();
}
