using Runbooks.Core.Diagnostics;
using Runbooks.Core.Model;
using Runbooks.Core.Validation;

namespace Runbooks.Core.Scheduling;

/// <summary>
/// Every schedule of a set of loaded runbooks, by stable id (<c>&lt;runbook&gt;/&lt;trigger id&gt;</c>). Build one at
/// start and whenever runbooks change, register <see cref="Entries"/> with the scheduler, and remove what
/// <see cref="Compare"/> reports as removed. Invalid runbooks contribute no schedules; their problems are in
/// <see cref="Problems"/>. Immutable.
/// </summary>
public sealed class ScheduleCatalog
{
    private readonly Dictionary<string, ScheduleEntry> _byId;

    private ScheduleCatalog(IReadOnlyList<ScheduleEntry> entries, IReadOnlyList<Diagnostic> problems)
    {
        Entries = entries;
        Problems = problems;
        _byId = entries.ToDictionary(e => e.Id, StringComparer.Ordinal);
    }

    /// <summary>No schedules.</summary>
    public static ScheduleCatalog Empty { get; } = new([], []);

    /// <summary>The schedules, ordered by id; disabled ones included (<see cref="ScheduleEntry.Enabled"/>).</summary>
    public IReadOnlyList<ScheduleEntry> Entries { get; }

    /// <summary>Problems that kept schedules out: invalid runbooks, ids claimed twice, unknown windows.</summary>
    public IReadOnlyList<Diagnostic> Problems { get; }

    /// <summary>A schedule by id, or null.</summary>
    public ScheduleEntry? Entry(string id) => _byId.GetValueOrDefault(id);

    /// <summary>
    /// The schedules of validated runbooks. With a <paramref name="calendar"/>, a schedule whose window it does not
    /// define is left out and reported (RB0117). Two runbooks of one name cannot both be scheduled: the first (by
    /// file path) keeps its schedules and the second is reported (RB0116).
    /// </summary>
    public static ScheduleCatalog Build(IEnumerable<RunbookDefinition> runbooks, MaintenanceCalendar? calendar = null)
    {
        ArgumentNullException.ThrowIfNull(runbooks);
        var problems = new DiagnosticBag();
        var entries = new Dictionary<string, ScheduleEntry>(StringComparer.Ordinal);
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var runbook in runbooks.OrderBy(r => r.SourcePath, StringComparer.Ordinal))
        {
            var schedules = runbook.Triggers.OfType<ScheduleTrigger>().ToList();
            if (schedules.Count == 0)
            {
                continue;
            }
            if (owners.TryGetValue(runbook.Name, out var owner))
            {
                problems.Add(RuleCodes.DuplicateTriggerId, runbook.Span with { File = runbook.SourcePath }, "name",
                    $"runbook '{runbook.Name}' is also defined in {owner}, whose schedules keep the ids {runbook.Name}/…; this file's schedules are not registered until one of the two is renamed");
                continue;
            }
            owners[runbook.Name] = runbook.SourcePath;
            foreach (var trigger in schedules)
            {
                if (ToEntry(runbook, trigger, calendar, problems) is { } entry)
                {
                    entries[entry.Id] = entry;
                }
            }
        }
        return new ScheduleCatalog([.. entries.Values.OrderBy(e => e.Id, StringComparer.Ordinal)], problems.Sorted());
    }

    /// <summary>
    /// Loads every runbook file (<c>*.yaml</c>, <c>*.yml</c>) under <paramref name="directory"/> and builds the
    /// catalog; an invalid file's diagnostics go to <see cref="Problems"/> and it contributes no schedule.
    /// </summary>
    public static ScheduleCatalog LoadDirectory(RunbookLoader loader, string directory, MaintenanceCalendar? calendar = null)
    {
        ArgumentNullException.ThrowIfNull(loader);
        ArgumentNullException.ThrowIfNull(directory);
        var runbooks = new List<RunbookDefinition>();
        var problems = new List<Diagnostic>();
        var files = Directory.EnumerateFiles(directory, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".yml", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var result = loader.LoadFile(file);
            if (result.IsValid)
            {
                runbooks.Add(result.Runbook!);
            }
            else
            {
                problems.AddRange(result.Diagnostics);
            }
        }
        var catalog = Build(runbooks, calendar);
        return new ScheduleCatalog(catalog.Entries, [.. problems, .. catalog.Problems]);
    }

    /// <summary>What changed since <paramref name="previous"/> (null: everything is added).</summary>
    public ScheduleCatalogChanges Compare(ScheduleCatalog? previous)
    {
        previous ??= Empty;
        var added = new List<ScheduleEntry>();
        var updated = new List<ScheduleEntry>();
        var unchanged = new List<ScheduleEntry>();
        foreach (var entry in Entries)
        {
            var before = previous.Entry(entry.Id);
            (before is null ? added : before.Version == entry.Version ? unchanged : updated).Add(entry);
        }
        var removed = previous.Entries.Where(e => Entry(e.Id) is null).Select(e => e.Id).ToList();
        return new ScheduleCatalogChanges(added, updated, removed, unchanged);
    }

    private static ScheduleEntry? ToEntry(RunbookDefinition runbook, ScheduleTrigger trigger, MaintenanceCalendar? calendar, DiagnosticBag problems)
    {
        var span = trigger.Span with { File = runbook.SourcePath };
        // A validated runbook has a cron that parses and a zone that exists; a hand-built definition may not.
        var cron = CronText.Parse(trigger.Cron, allowSeconds: true, out var cronProblem);
        if (cron is null)
        {
            problems.Add(RuleCodes.BadCron, span, $"{trigger.Path}.cron", cronProblem!);
            return null;
        }
        if (TimeZones.Find(trigger.TimeZone) is not { } zone)
        {
            problems.Add(RuleCodes.UnknownTimeZone, span, $"{trigger.Path}.timeZone", TimeZones.Unknown(trigger.TimeZone));
            return null;
        }
        if (trigger.Window is { } window && calendar is not null && calendar.Window(window) is null)
        {
            var configured = calendar.Windows.Select(w => w.Name).ToList();
            problems.Add(RuleCodes.UnknownWindow, span, $"{trigger.Path}.window",
                $"unknown maintenance window '{window}'{Suggestions.Hint(window, configured)}; configured windows: {(configured.Count == 0 ? "none" : Messages.List(configured))}; the schedule is not registered");
            return null;
        }
        return new ScheduleEntry(runbook, trigger, cron, zone);
    }
}
