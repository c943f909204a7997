using Runbooks.Core.Validation;

namespace Runbooks.Core.Scheduling;

/// <summary>Finds IANA time zones (Europe/Berlin, UTC) in the system's zone database (tzdata).</summary>
internal static class TimeZones
{
    /// <summary>The zone, or null when the id is not an IANA zone this machine knows.</summary>
    public static TimeZoneInfo? Find(string id)
    {
        // Windows ids (W. Europe Standard Time) convert on Linux too, but a runbook must mean the same everywhere.
        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) && zone.HasIanaId ? zone : null;
    }

    /// <summary>The message for an id <see cref="Find"/> does not know.</summary>
    public static string Unknown(string id)
    {
        var hint = Suggestions.Hint(id, TimeZoneInfo.GetSystemTimeZones().Where(z => z.HasIanaId).Select(z => z.Id));
        return $"'{id}' is not a known IANA time zone{hint}; expected a name such as UTC, Europe/Berlin or America/New_York (see /usr/share/zoneinfo)";
    }
}
