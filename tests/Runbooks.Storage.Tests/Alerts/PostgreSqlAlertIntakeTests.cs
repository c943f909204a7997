using Runbooks.Storage.PostgreSql;
using Runbooks.Testing.PostgreSql;

namespace Runbooks.Storage.Tests.Alerts;

/// <summary>Alert decisions on a real PostgreSQL server, each test in a schema of its own.</summary>
[Collection(PostgreSqlServerGroup.Name)]
public sealed class PostgreSqlAlertIntakeTests(PostgreSqlServerFixture server) : AlertIntakeContract
{
    private readonly string _schema = server.NewSchemaName();

    protected override JournalDatabase OpenDatabase() => new PostgreSqlJournalDatabase(server.ConnectionString, _schema);
}
