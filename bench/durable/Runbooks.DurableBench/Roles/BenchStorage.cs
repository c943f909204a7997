using Hangfire;
using Runbooks.Server;

namespace Runbooks.DurableBench.Roles;

/// <summary>Hangfire storage exactly as the product configures it (long polling, sliding invisibility), in a schema.</summary>
internal static class BenchStorage
{
    public static JobStorage Hangfire(string connectionString, string schema) =>
        HangfireStorageFactory.Create("postgresql", connectionString, new WorkerOptions { HangfireSchema = schema });
}
