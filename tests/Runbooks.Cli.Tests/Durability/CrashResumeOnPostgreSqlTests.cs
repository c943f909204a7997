using Runbooks.Testing.PostgreSql;

namespace Runbooks.Cli.Tests.Durability;

/// <summary>The crash-and-resume story on the production journal (PostgreSQL, leases by its clock).</summary>
public sealed class CrashResumeOnPostgreSqlTests : IClassFixture<PostgreSqlServerFixture>
{
    private readonly PostgreSqlServerFixture _server;

    public CrashResumeOnPostgreSqlTests(PostgreSqlServerFixture server) => _server = server;

    [Fact]
    public async Task Resume_NonIdempotentStepInterrupted_IsInDoubtUntilSkippedAndNothingRepeats()
    {
        using var crash = new CrashScenario(new Dictionary<string, string?>
        {
            ["Runbooks__Storage__Provider"] = "postgresql",
            ["Runbooks__Storage__PostgreSql__Schema"] = _server.NewSchemaName("crash"),
            ["RUNBOOKS_POSTGRES"] = _server.ConnectionString,
        });

        await CrashResumeAssertions.InDoubtThenSkipAsync(crash);

        Assert.False(File.Exists(crash.Dir[".state/runbooks/runbooks.db"]), "the run went to PostgreSQL, not the default SQLite file");
    }
}
