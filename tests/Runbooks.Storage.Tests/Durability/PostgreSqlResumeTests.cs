using Runbooks.Storage.PostgreSql;
using Runbooks.Testing.PostgreSql;

namespace Runbooks.Storage.Tests.Durability;

/// <summary>Crash, takeover and resume on a real PostgreSQL server, each test in a schema of its own.</summary>
[Collection(PostgreSqlServerGroup.Name)]
public sealed class PostgreSqlResumeTests(PostgreSqlServerFixture server) : ResumeContract
{
    private readonly string _schema = server.NewSchemaName();

    protected override JournalDatabase OpenDatabase() => new PostgreSqlJournalDatabase(server.ConnectionString, _schema);
}
