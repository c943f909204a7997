using Runbooks.DurableBench.Harness;
using Runbooks.DurableBench.Roles;
using Runbooks.DurableBench.Scenarios;

// Durable-queue benchmark; what it measures and how to run it: docs/performance.md ("Durable queue").
// The first argument names a helper role when this executable is started by itself as another process.
DiscardHangfireLogs.Install();
return args.FirstOrDefault() switch
{
    RunEnqueuer.Role => await RunEnqueuer.MainAsync(RoleArguments.Parse(args[1..])),
    NoopEnqueuer.Role => NoopEnqueuer.Run(RoleArguments.Parse(args[1..])),
    NoopServer.Role => await NoopServer.MainAsync(RoleArguments.Parse(args[1..])),
    _ => await Orchestrator.MainAsync(args),
};
