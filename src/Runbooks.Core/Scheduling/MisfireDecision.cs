using Runbooks.Core.Model;

namespace Runbooks.Core.Scheduling;

/// <summary>
/// What to do, when a scheduler comes back, about the fire times of a schedule that passed while it was down:
/// with <see cref="MisfirePolicy.RunOnce"/> one run now stands for all of them; with <see cref="MisfirePolicy.Skip"/>
/// none runs. The catch-up run still goes through <see cref="ScheduleGate"/> (its window, freezes) like any other.
/// </summary>
/// <param name="Missed">How many fire times were missed (at most <see cref="CountLimit"/>).</param>
/// <param name="CountCapped">True when there were more than <see cref="CountLimit"/> (a seconds cron after a long outage).</param>
/// <param name="FirstMissed">The earliest missed fire time, or null when none was missed.</param>
/// <param name="LastMissed">The latest missed fire time: the one a catch-up run stands for.</param>
/// <param name="RunOnce">True when one catch-up run should start now.</param>
public sealed record MisfireDecision(int Missed, bool CountCapped, DateTimeOffset? FirstMissed, DateTimeOffset? LastMissed, bool RunOnce)
{
    /// <summary>Missed fire times are counted up to this many.</summary>
    public const int CountLimit = 10_000;

    /// <summary>
    /// The fire times of <paramref name="entry"/> after <paramref name="lastFire"/> (the last one the scheduler
    /// recorded) and up to <paramref name="now"/> are missed. With no recorded fire (a new schedule) nothing was missed:
    /// schedules never fire for the time before they existed. A disabled schedule never runs.
    /// </summary>
    public static MisfireDecision Evaluate(ScheduleEntry entry, DateTimeOffset? lastFire, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (lastFire is not { } last)
        {
            return new MisfireDecision(0, false, null, null, false);
        }
        var missed = entry.Occurrences(last, now, CountLimit + 1).ToList();
        if (missed.Count == 0)
        {
            return new MisfireDecision(0, false, null, null, false);
        }
        var capped = missed.Count > CountLimit;
        // Counting stopped at the limit: the latest missed fire time is the last one at or before now.
        var latest = capped ? entry.PreviousOccurrence(now) ?? missed[^1] : missed[^1];
        return new MisfireDecision(Math.Min(missed.Count, CountLimit), capped, missed[0], latest,
            entry.Enabled && entry.Misfire == MisfirePolicy.RunOnce);
    }

    /// <inheritdoc />
    public override string ToString() => Missed == 0
        ? "no fire time was missed"
        : $"{(CountCapped ? "more than " + CountLimit : Missed.ToString(System.Globalization.CultureInfo.InvariantCulture))} fire time(s) missed; {(RunOnce ? "running once now" : "skipped")}";
}
