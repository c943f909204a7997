using System.CommandLine;
using System.Globalization;

namespace Runbooks.Cli.Commands;

/// <summary>Options <c>runbooks schedules</c> and <c>runbooks windows</c> share.</summary>
internal static class ScheduleOptions
{
    public static Option<int> Count(string what) => new Option<int>("--count", "-n")
    {
        Description = $"How many {what} to list per entry (1 to 100)",
        DefaultValueFactory = _ => 5,
    }.Validate(result => result.GetValueOrDefault<int>() is < 1 or > 100, "--count must be between 1 and 100");

    public static Option<string?> From() => new("--from")
    {
        Description = "List what comes after this instant instead of now (ISO 8601, e.g. 2026-03-28T00:00:00Z or 2026-03-28T01:00+01:00)",
    };

    public static Option<bool> Json() => new("--json") { Description = "Write JSON (the same as --output json)" };

    /// <summary>The instant <c>--from</c> names, else now; null and a message when it does not parse.</summary>
    public static DateTimeOffset? Instant(string? text, out string? usage)
    {
        usage = null;
        if (text is null)
        {
            return TimeProvider.System.GetUtcNow();
        }
        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
        {
            return at;
        }
        usage = $"--from '{text}' is not an instant; expected ISO 8601 such as 2026-03-28T00:00:00Z";
        return null;
    }

    private static Option<int> Validate(this Option<int> option, Func<System.CommandLine.Parsing.OptionResult, bool> bad, string message)
    {
        option.Validators.Add(result =>
        {
            if (bad(result))
            {
                result.AddError(message);
            }
        });
        return option;
    }
}
