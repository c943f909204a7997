using Hangfire;
using Runbooks.Server;

namespace Runbooks.DurableBench.Roles;

/// <summary>Hangfire storage on PostgreSQL, in a schema, for each side of the comparison.</summary>
internal static class BenchStorage
{
    /// <summary>Exactly what <c>runbooks serve</c> uses, Runbooks' job queue included.</summary>
    public static JobStorage Product(string connectionString, string schema) =>
        HangfireStorageFactory.Create("postgresql", connectionString, new WorkerOptions { HangfireSchema = schema });

    /// <summary>
    /// Bare Hangfire.PostgreSql with the product's storage options (long polling, sliding invisibility) and its own job
    /// queue: Runbooks' fetch (<c>RunJobQueue</c>) is part of what is measured against it.
    /// </summary>
    public static JobStorage Bare(string connectionString, string schema) =>
        HangfireStorageFactory.CreateStockPostgreSql(connectionString, new WorkerOptions { HangfireSchema = schema });
}
