using System.Globalization;
using Runbooks.Core.Model;
using Runbooks.Core.Shapes;

namespace Runbooks.Core.Rollout;

/// <summary>
/// How a run moves through its hosts, computed exactly from <see cref="RolloutStrategy"/> before anything starts,
/// so a plan can print it and the rollout can follow it (docs/rollouts.md):
/// <list type="bullet">
/// <item>Hosts are split, in inventory order, into consecutive batches of <c>batch</c> hosts (a percentage is of all
/// hosts, rounded up, at least 1); without <c>batch</c> there is one batch.</item>
/// <item>Within a batch at most <c>concurrency</c> hosts run at once (a percentage rounds up, at least 1).</item>
/// <item><c>maxErrors</c> failed hosts are tolerated (a percentage rounds <em>down</em>: 10% of 5 hosts is 0). The
/// failure after that halts the rollout: no new host starts, hosts already running finish, every host not started is
/// skipped, and the run fails.</item>
/// <item><c>pauseBetweenBatches</c> is waited after a batch ends and before the next starts.</item>
/// </list>
/// </summary>
public sealed record RolloutPlan
{
    /// <summary>The batches, in order; each a list of host names.</summary>
    public required IReadOnlyList<IReadOnlyList<string>> Batches { get; init; }

    /// <summary>Hosts running at once within a batch.</summary>
    public required int Concurrency { get; init; }

    /// <summary>Failed hosts tolerated; one more halts the rollout.</summary>
    public required int MaxErrors { get; init; }

    /// <summary>The wait between batches.</summary>
    public TimeSpan PauseBetweenBatches { get; init; }

    /// <summary>Computes the plan for hosts in inventory order.</summary>
    public static RolloutPlan Create(IReadOnlyList<string> hosts, RolloutStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(hosts);
        ArgumentNullException.ThrowIfNull(strategy);
        var count = hosts.Count;
        var batchSize = strategy.Batch is { } batch ? Math.Max(1, Count(batch, count, roundUp: true)) : Math.Max(1, count);
        return new RolloutPlan
        {
            Batches = [.. hosts.Chunk(batchSize).Select(chunk => (IReadOnlyList<string>)chunk)],
            Concurrency = Math.Clamp(Count(strategy.Concurrency, count, roundUp: true), 1, Math.Max(1, count)),
            MaxErrors = Count(strategy.MaxErrors, count, roundUp: false),
            PauseBetweenBatches = strategy.PauseBetweenBatches,
        };
    }

    /// <summary>The halt rule in words, with the numbers of this plan.</summary>
    public string HaltRule => MaxErrors == 0
        ? "the first failed host halts the rollout: no new host starts, hosts already running finish, the rest are skipped"
        : $"{MaxErrors} failed host(s) are tolerated; the {Ordinal(MaxErrors + 1)} failure halts the rollout: no new host starts, hosts already running finish, the rest are skipped";

    /// <summary>The plan in one paragraph, for <c>runbooks plan</c>.</summary>
    public string Describe()
    {
        var hosts = Batches.Sum(b => b.Count);
        var pause = PauseBetweenBatches > TimeSpan.Zero ? $", {DurationParser.Format(PauseBetweenBatches)} between batches" : "";
        var batches = string.Join("; ", Batches.Select((b, i) => $"batch {i + 1}: {string.Join(", ", b)}"));
        return $"{hosts} host(s) in {Batches.Count} batch(es), {Concurrency} at a time{pause}; {HaltRule}. {batches}";
    }

    // "10" is 10; "25%" is that share of the hosts, rounded up (sizes) or down (tolerated errors).
    private static int Count(string value, int hosts, bool roundUp)
    {
        if (value.EndsWith('%'))
        {
            var percent = int.Parse(value[..^1], CultureInfo.InvariantCulture);
            var exact = hosts * percent / 100.0;
            return (int)(roundUp ? Math.Ceiling(exact) : Math.Floor(exact));
        }
        return int.Parse(value, CultureInfo.InvariantCulture);
    }

    private static string Ordinal(int n) => (n % 100) switch
    {
        11 or 12 or 13 => $"{n}th",
        _ => (n % 10) switch { 1 => $"{n}st", 2 => $"{n}nd", 3 => $"{n}rd", _ => $"{n}th" },
    };
}
