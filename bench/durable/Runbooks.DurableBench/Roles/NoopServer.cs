using System.Globalization;
using Hangfire;
using Runbooks.DurableBench.Harness;

namespace Runbooks.DurableBench.Roles;

/// <summary>
/// Helper process: a bare Hangfire server on PostgreSQL (the product's storage options, the same worker count) that
/// runs <see cref="NoopJob"/>s until it has run <c>--expect</c> of them, writes their times to <c>--out</c> and exits.
/// </summary>
internal static class NoopServer
{
    public const string Role = "noop-serve";

    private const int MaxStranded = 5;
    private const int StallSeconds = 20;

    public static async Task<int> MainAsync(RoleArguments args)
    {
        var expect = args.Int("expect");
        var storage = BenchStorage.Bare(args["conn"], args["hangfire-schema"]);
        using (var server = new BackgroundJobServer(new BackgroundJobServerOptions { WorkerCount = args.Int("workers"), ServerName = $"noop-{Environment.ProcessId}" }, storage))
        {
            Console.WriteLine("ready");
            var deadline = DateTime.UtcNow.AddSeconds(args.Double("timeout"));
            var (seen, lastProgress) = (0, DateTime.UtcNow);
            while (NoopJob.Done.Count < expect && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
                if (NoopJob.Done.Count != seen)
                {
                    (seen, lastProgress) = (NoopJob.Done.Count, DateTime.UtcNow);
                }
                // Hangfire.PostgreSql now and then loses a job after fetching it and keeps it invisible while this
                // process lives (docs/performance.md); bare Hangfire has no sweep to bring it back. A few jobs left and
                // no progress for StallSeconds: they are stranded, and the bench counts them rather than wait forever.
                if (expect - seen <= MaxStranded && DateTime.UtcNow - lastProgress > TimeSpan.FromSeconds(StallSeconds))
                {
                    Console.WriteLine($"stranded {expect - seen}");
                    break;
                }
            }
            server.SendStop();
        }
        await File.WriteAllLinesAsync(args["out"], NoopJob.Done.Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Enqueued} {d.Started} {d.Ended}")));
        return NoopJob.Done.Count >= expect - MaxStranded ? 0 : 1;
    }
}
