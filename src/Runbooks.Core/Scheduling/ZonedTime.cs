namespace Runbooks.Core.Scheduling;

/// <summary>
/// Turns a wall-clock time in a zone into an instant, with the daylight-saving rules stated once: a time the clock
/// skips (02:30 on the night clocks go forward) is the instant of the change, as Cronos fires skipped cron times; a
/// time the clock shows twice takes the earlier or the later instant, as the caller asks.
/// </summary>
internal static class ZonedTime
{
    public static DateTimeOffset ToInstant(DateTime local, TimeZoneInfo zone, bool later)
    {
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            return GapEnd(local, zone);
        }
        if (zone.IsAmbiguousTime(local))
        {
            var offsets = zone.GetAmbiguousTimeOffsets(local);
            // The larger offset is the earlier instant (the clock before it is set back).
            var offset = later ? offsets.Min() : offsets.Max();
            return new DateTimeOffset(local, offset);
        }
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>The wall-clock time of an instant in a zone.</summary>
    public static DateTime ToLocal(DateTimeOffset instant, TimeZoneInfo zone) =>
        DateTime.SpecifyKind(TimeZoneInfo.ConvertTime(instant, zone).DateTime, DateTimeKind.Unspecified);

    // The first instant whose wall-clock time is at or past the skipped one: the moment the clock jumps. No zone's
    // offset exceeds 14 hours, so the instant lies within 15 hours either side of the wall-clock time read as UTC.
    private static DateTimeOffset GapEnd(DateTime local, TimeZoneInfo zone)
    {
        var lo = new DateTimeOffset(local.AddHours(-15), TimeSpan.Zero);
        var hi = new DateTimeOffset(local.AddHours(15), TimeSpan.Zero);
        while (hi - lo > TimeSpan.FromSeconds(1))
        {
            var mid = lo + ((hi - lo) / 2);
            if (ToLocal(mid, zone) >= local)
            {
                hi = mid;
            }
            else
            {
                lo = mid;
            }
        }
        // Transitions fall on whole seconds; drop the search's sub-second rest.
        return new DateTimeOffset(hi.UtcTicks - (hi.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
    }
}
