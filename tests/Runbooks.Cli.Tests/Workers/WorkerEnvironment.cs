using Runbooks.Testing.PostgreSql;

namespace Runbooks.Cli.Tests.Workers;

/// <summary>
/// The environment of CLI and serve processes that share one PostgreSQL schema (journal and Hangfire) with a fast
/// sweep; each test class adds what it tunes.
/// </summary>
internal static class WorkerEnvironment
{
    public static Dictionary<string, string?> OnPostgreSql(PostgreSqlServerFixture database, string schema) => new()
    {
        ["Runbooks__Storage__Provider"] = "postgresql",
        ["Runbooks__Storage__PostgreSql__Schema"] = schema,
        ["RUNBOOKS_POSTGRES"] = database.ConnectionString,
        ["Runbooks__Workers__HangfireSchema"] = schema + "_hangfire",
        ["Runbooks__Workers__SweepIntervalSeconds"] = "0.5",
    };
}
