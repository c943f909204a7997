using Runbooks.Cli.Commands;
using Runbooks.Core.Scheduling;

namespace Runbooks.Cli.Output;

/// <summary>The text and JSON forms of <c>runbooks schedules</c>.</summary>
internal static class SchedulesPrinter
{
    public static void Print(IReadOnlyList<ListedSchedule> schedules, string folder, TextWriter output)
    {
        if (schedules.Count == 0)
        {
            output.WriteLine($"No schedules in {folder} (a runbook gets one with triggers: - schedule: {{ cron: … }})");
            return;
        }
        foreach (var (entry, next) in schedules)
        {
            output.WriteLine($"{entry.Id}{(entry.Enabled ? "" : "  (disabled)")}");
            output.WriteLine($"  runbook  {entry.Runbook.SourcePath}");
            output.WriteLine($"  cron     {entry.Cron}  ({entry.TimeZone.Id})");
            output.WriteLine($"  window   {(entry.Window is { } window ? $"{window}, outside it: {Policy(entry.OutsideWindow)}" : "none")}");
            output.WriteLine($"  misfire  {Policy(entry.Misfire)}");
            if (entry.Parameters.Count > 0)
            {
                output.WriteLine($"  params   {string.Join(", ", entry.Parameters.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={Json.Compact(p.Value)}"))}");
            }
            if (entry.Trigger.Targets is not null)
            {
                output.WriteLine("  targets  overridden by the schedule");
            }
            if (next.Count == 0)
            {
                output.WriteLine("  next     never (the cron has no future fire time)");
            }
            for (var i = 0; i < next.Count; i++)
            {
                var fire = next[i];
                output.WriteLine($"  {(i == 0 ? "next" : "    ")}     {ScheduleTimes.Local(fire.At, entry.TimeZone)}  =  {ScheduleTimes.Utc(fire.At)}  {Describe(fire)}");
            }
            output.WriteLine();
        }
        output.WriteLine($"{schedules.Count} schedule(s) in {folder}");
    }

    public static object ToJson(ListedSchedule listed)
    {
        var entry = listed.Entry;
        return new
        {
            id = entry.Id,
            runbook = entry.Runbook.Name,
            file = entry.Runbook.SourcePath,
            cron = entry.Cron,
            timeZone = entry.TimeZone.Id,
            enabled = entry.Enabled,
            window = entry.Window,
            outsideWindow = entry.OutsideWindow,
            misfire = entry.Misfire,
            parameters = entry.Parameters,
            targetsOverridden = entry.Trigger.Targets is not null,
            next = listed.Next.Select(n => new
            {
                local = ScheduleTimes.Iso(n.At, entry.TimeZone),
                utc = ScheduleTimes.IsoUtc(n.At),
                inWindow = n.InWindow,
                decision = Describe(n),
            }),
        };
    }

    /// <summary>"runs", "runs (inside the window)", or the gate's own words.</summary>
    private static string Describe(ListedFire fire) => fire.Decision switch
    {
        GateDecision.RunNow when fire.InWindow == true => "runs (inside the window)",
        _ => fire.Decision.ToString(),
    };

    private static string Policy(Enum value)
    {
        var text = value.ToString();
        return char.ToLowerInvariant(text[0]) + text[1..];
    }
}
