using System.Globalization;

namespace Runbooks.DurableBench.Scenarios;

/// <summary>The times the bare Hangfire server wrote: per job, enqueued, started and ended (UTC ticks).</summary>
internal sealed record NoopTimes(long Enqueued, long Started, long Ended)
{
    public static List<NoopTimes> Read(string file) =>
    [
        .. File.ReadAllLines(file).Select(line => line.Split(' ')).Select(p => new NoopTimes(
            long.Parse(p[0], CultureInfo.InvariantCulture), long.Parse(p[1], CultureInfo.InvariantCulture), long.Parse(p[2], CultureInfo.InvariantCulture))),
    ];
}
