using Hangfire;
using Runbooks.DurableBench.Harness;

namespace Runbooks.DurableBench.Roles;

/// <summary>Helper process: enqueues bare Hangfire no-op jobs on PostgreSQL, paced or in a burst.</summary>
internal static class NoopEnqueuer
{
    public const string Role = "noop-enqueue";

    public static int Run(RoleArguments args)
    {
        var client = new BackgroundJobClient(BenchStorage.Bare(args["conn"], args["hangfire-schema"]));
        var count = args.Int("count");
        var pacer = new Pacer(args.Double("rate"));
        for (var i = 0; i < count; i++)
        {
            pacer.WaitForTurnAsync(i).GetAwaiter().GetResult();
            var ticks = DateTime.UtcNow.Ticks;
            client.Enqueue(() => NoopJob.Run(ticks));
        }
        Console.WriteLine($"enqueued {count}");
        return 0;
    }
}
