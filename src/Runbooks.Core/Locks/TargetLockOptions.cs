using Runbooks.Core.Shapes;

namespace Runbooks.Core.Locks;

/// <summary>
/// Settings of the per-target locks, bound from <c>Runbooks:Locks</c> in appsettings.json
/// (<c>"Locks": { "WaitTimeout": "00:10:00", "LeaseTtl": "00:00:30" }</c>).
/// </summary>
public sealed record TargetLockOptions
{
    /// <summary>The configuration section these options bind from.</summary>
    public const string Section = "Runbooks:Locks";

    /// <summary>
    /// How long a run waits in a target's queue before it fails with a message naming the holder. Default 10 minutes;
    /// <see cref="Timeout.InfiniteTimeSpan"/> (<c>-00:00:00.001</c>) waits forever.
    /// </summary>
    public TimeSpan WaitTimeout { get; init; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long a held lock (and a queued request) lives without renewal, timed by the database clock; it is renewed
    /// every third of this. A worker that dies holds its hosts at most this long. Default 30 seconds, at least 1 second.
    /// Only the database locks use it: the in-process locks die with their process.
    /// </summary>
    public TimeSpan LeaseTtl { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Every problem with the settings at once, each naming its key; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (WaitTimeout < TimeSpan.Zero && WaitTimeout != Timeout.InfiniteTimeSpan)
        {
            errors.Add($"{Section}:WaitTimeout is {WaitTimeout}; use zero or more (e.g. 00:10:00), or -00:00:00.001 to wait forever");
        }
        if (WaitTimeout > DurationParser.Max)
        {
            errors.Add($"{Section}:WaitTimeout is {WaitTimeout}; at most {DurationParser.Max.TotalDays} days, or -00:00:00.001 to wait forever");
        }
        if (LeaseTtl < TimeSpan.FromSeconds(1) || LeaseTtl > TimeSpan.FromHours(1))
        {
            errors.Add($"{Section}:LeaseTtl is {LeaseTtl}; use 00:00:01 to 01:00:00 (a dead worker holds its hosts this long)");
        }
        return errors;
    }

    /// <summary>Throws a <see cref="RunbooksException"/> listing every problem, or returns the options.</summary>
    public TargetLockOptions EnsureValid()
    {
        var errors = Validate();
        return errors.Count == 0 ? this : throw new RunbooksException("the lock settings are not valid: " + string.Join("; ", errors));
    }
}
