using System.Globalization;
using System.Text.RegularExpressions;
using Runbooks.Core.Diagnostics;
using Runbooks.Core.Language;
using Runbooks.Core.Shapes;
using Runbooks.Core.Validation;

namespace Runbooks.Core.Scheduling;

/// <summary>
/// Reads the <c>Runbooks:Maintenance</c> tree into windows and freezes. Every problem names the file and the key
/// path, says what is wrong and what is allowed; reading goes on past each so that all are reported at once.
/// </summary>
internal sealed class MaintenanceSettingsReader(string file, DiagnosticBag diagnostics)
{
    private static readonly string[] SectionKeys = ["Windows", "Freezes"];
    private static readonly string[] WindowKeys = ["Cron", "Duration", "Ranges", "TimeZone"];
    private static readonly string[] FreezeKeys = ["Start", "End", "Ranges", "TimeZone", "Reason"];
    private static readonly string[] RangeKeys = ["Start", "End"];
    private static readonly string[] LocalFormats = ["yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd HH:mm", "yyyy-MM-dd HH:mm:ss"];
    private const string TimeForm = "a date or date and time such as 2025-12-24, 2025-12-24T22:00 or 2025-12-24T22:00:00+01:00 (without an offset it is read in the TimeZone)";

    public MaintenanceCalendar Read(SettingNode section)
    {
        Unknown(section, SectionKeys);
        var windows = new List<MaintenanceWindow>();
        foreach (var node in Named(section.Child("Windows"), "window"))
        {
            if (ReadWindow(node) is { } window)
            {
                windows.Add(window);
            }
        }
        var freezes = new List<MaintenanceFreeze>();
        foreach (var node in Named(section.Child("Freezes"), "freeze"))
        {
            if (ReadFreeze(node) is { } freeze)
            {
                freezes.Add(freeze);
            }
        }
        return new MaintenanceCalendar(windows, freezes);
    }

    private IEnumerable<SettingNode> Named(SettingNode? group, string what)
    {
        foreach (var node in group?.Children.Values ?? Enumerable.Empty<SettingNode>())
        {
            if (!Regex.IsMatch(node.Key, RunbookGrammar.NamePattern, RegexOptions.None, TimeSpan.FromSeconds(1)))
            {
                Bad(node, $"'{node.Key}' is not a valid {what} name; expected {RunbookGrammar.NameRule}");
                continue;
            }
            yield return node;
        }
    }

    private MaintenanceWindow? ReadWindow(SettingNode node)
    {
        var problems = diagnostics.Items.Count;
        Unknown(node, WindowKeys);
        var zone = Zone(node);
        var cronText = node.Text("Cron");
        var durationText = node.Text("Duration");
        var hasRanges = node.Child("Ranges") is not null;
        Cronos.CronExpression? cron = null;
        var duration = TimeSpan.Zero;
        List<MaintenanceInterval> ranges = [];
        if (hasRanges && (cronText is not null || durationText is not null))
        {
            Bad(node, "a window has either Cron and Duration (a recurring window) or Ranges (fixed dates), not both");
        }
        else if (hasRanges)
        {
            ranges = zone is null ? [] : Ranges(node.Child("Ranges")!, zone, window: true);
        }
        else if (cronText is null && durationText is null)
        {
            Missing(node, "a window needs Cron and Duration (e.g. \"0 1 * * SAT\" and \"4h\"), or Ranges of Start and End");
        }
        else
        {
            if (cronText is null)
            {
                Missing(node, "missing Cron: when the window opens, " + CronText.MinutesForm);
            }
            else if ((cron = CronText.Parse(cronText, allowSeconds: false, out var problem)) is null)
            {
                Bad(node.Child("Cron")!, problem!);
            }
            if (durationText is null)
            {
                Missing(node, "missing Duration: how long the window stays open after each Cron time, e.g. 4h");
            }
            else if (!DurationParser.TryParse(durationText, out duration) || duration <= TimeSpan.Zero)
            {
                Bad(node.Child("Duration")!, $"'{durationText}' is not a duration; expected {DurationParser.AllowedForm}, more than zero");
            }
        }
        return diagnostics.Items.Count > problems || zone is null
            ? null
            : new MaintenanceWindow(node.Key, zone, cron, cron is null ? null : cronText, duration, ranges);
    }

    private MaintenanceFreeze? ReadFreeze(SettingNode node)
    {
        var problems = diagnostics.Items.Count;
        Unknown(node, FreezeKeys);
        var zone = Zone(node);
        var reason = node.Text("Reason");
        if (string.IsNullOrWhiteSpace(reason))
        {
            Missing(node, "missing Reason: why runs are frozen, shown to whoever is refused (e.g. \"year-end change freeze\")");
        }
        var single = node.Child("Start") is not null || node.Child("End") is not null;
        List<MaintenanceInterval> ranges = [];
        if (single && node.Child("Ranges") is not null)
        {
            Bad(node, "a freeze has either Start and End, or Ranges of Start and End, not both");
        }
        else if (single)
        {
            if (zone is not null && Range(node, zone, window: false) is { } range)
            {
                ranges.Add(range);
            }
        }
        else if (node.Child("Ranges") is { } list)
        {
            ranges = zone is null ? [] : Ranges(list, zone, window: false);
        }
        else
        {
            Missing(node, "a freeze needs Start and End, or Ranges of Start and End");
        }
        return diagnostics.Items.Count > problems || zone is null
            ? null
            : new MaintenanceFreeze(node.Key, reason!.Trim(), zone, ranges);
    }

    private List<MaintenanceInterval> Ranges(SettingNode list, TimeZoneInfo zone, bool window)
    {
        var ranges = new List<MaintenanceInterval>();
        if (list.Children.Count == 0)
        {
            Missing(list, "Ranges is empty; give a list of { \"Start\": …, \"End\": … }");
        }
        foreach (var item in list.Children.Values.OrderBy(c => int.TryParse(c.Key, out var i) ? i : int.MaxValue))
        {
            Unknown(item, RangeKeys);
            if (Range(item, zone, window) is { } range)
            {
                ranges.Add(range);
            }
        }
        return ranges;
    }

    private MaintenanceInterval? Range(SettingNode node, TimeZoneInfo zone, bool window)
    {
        // Times the clock shows twice are read so that a window is never longer, and a freeze never shorter, than
        // what was written.
        var start = Time(node, "Start", zone, later: window);
        var end = Time(node, "End", zone, later: !window);
        if (start is null || end is null)
        {
            return null;
        }
        if (end <= start)
        {
            Bad(node.Child("End")!, $"End ({node.Text("End")}) is not after Start ({node.Text("Start")}); End is the first moment outside the range");
            return null;
        }
        return new MaintenanceInterval(start.Value, end.Value);
    }

    private DateTimeOffset? Time(SettingNode node, string key, TimeZoneInfo zone, bool later)
    {
        if (node.Child(key) is not { Value: { } text } child)
        {
            Missing(node, $"missing {key}: {TimeForm}");
            return null;
        }
        text = text.Trim();
        if (Regex.IsMatch(text, "(Z|[+-][0-9]{2}:[0-9]{2})$", RegexOptions.None, TimeSpan.FromSeconds(1)) &&
            DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mmK", "yyyy-MM-dd'T'HH:mm:ssK"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var absolute))
        {
            return absolute;
        }
        if (DateTime.TryParseExact(text, LocalFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return ZonedTime.ToInstant(local, zone, later);
        }
        Bad(child, $"'{text}' is not a time; expected {TimeForm}");
        return null;
    }

    private TimeZoneInfo? Zone(SettingNode node)
    {
        var id = node.Text("TimeZone") ?? "UTC";
        var zone = TimeZones.Find(id);
        if (zone is null)
        {
            Bad(node.Child("TimeZone")!, TimeZones.Unknown(id));
        }
        return zone;
    }

    private void Unknown(SettingNode node, IReadOnlyList<string> allowed)
    {
        foreach (var child in node.Children.Values.Where(c => !allowed.Contains(c.Key, StringComparer.OrdinalIgnoreCase)))
        {
            diagnostics.Add(RuleCodes.UnknownSetting, SourceSpan.None(file), child.Path,
                $"unknown setting '{child.Key}'{Suggestions.Hint(child.Key, allowed)}; allowed: {Messages.List(allowed)}");
        }
    }

    private void Bad(SettingNode node, string message) => diagnostics.Add(RuleCodes.BadSetting, SourceSpan.None(file), node.Path, message);

    private void Missing(SettingNode node, string message) => diagnostics.Add(RuleCodes.MissingSetting, SourceSpan.None(file), node.Path, message);
}
