using Runbooks.Storage.PostgreSql;
using Runbooks.Testing.PostgreSql;

namespace Runbooks.Storage.Tests;

/// <summary>The journal contract on a real PostgreSQL server, each test in a schema of its own.</summary>
[Collection(PostgreSqlServerGroup.Name)]
public sealed class PostgreSqlJournalStoreTests : JournalStoreContract
{
    private readonly PostgreSqlServerFixture _server;
    private readonly string _schema;

    public PostgreSqlJournalStoreTests(PostgreSqlServerFixture server)
    {
        _server = server;
        _schema = server.NewSchemaName();
    }

    protected override JournalDatabase CreateDatabase() => new PostgreSqlJournalDatabase(_server.ConnectionString, _schema);

    protected override JournalDatabase ReopenDatabase() => new PostgreSqlJournalDatabase(_server.ConnectionString, _schema);

    protected override Func<JournalDatabase> AnotherNewDatabase()
    {
        var schema = _server.NewSchemaName();
        return () => new PostgreSqlJournalDatabase(_server.ConnectionString, schema);
    }

    [Fact]
    public void Constructor_SchemaNameWithSql_IsRefused()
    {
        var error = Assert.Throws<Runbooks.Core.RunbooksException>(() => new PostgreSqlJournalDatabase(_server.ConnectionString, "x; DROP TABLE runs"));

        Assert.Equal("PostgreSQL schema name 'x; DROP TABLE runs' is not allowed; use lower-case letters, digits and '_', starting with a letter (at most 63)", error.Message);
    }
}
