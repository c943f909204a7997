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

    public static async Task<int> MainAsync(RoleArguments args)
    {
        var expect = args.Int("expect");
        var storage = BenchStorage.Hangfire(args["conn"], args["hangfire-schema"]);
        using (var server = new BackgroundJobServer(new BackgroundJobServerOptions { WorkerCount = args.Int("workers"), ServerName = $"noop-{Environment.ProcessId}" }, storage))
        {
            Console.WriteLine("ready");
            var deadline = DateTime.UtcNow.AddSeconds(args.Double("timeout"));
            while (NoopJob.Done.Count < expect && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }
            server.SendStop();
        }
        await File.WriteAllLinesAsync(args["out"], NoopJob.Done.Select(d => string.Create(CultureInfo.InvariantCulture, $"{d.Enqueued} {d.Started} {d.Ended}")));
        return NoopJob.Done.Count >= expect ? 0 : 1;
    }
}
