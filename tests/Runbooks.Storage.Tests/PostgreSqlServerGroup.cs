using Runbooks.Testing.PostgreSql;

namespace Runbooks.Storage.Tests;

/// <summary>One PostgreSQL server for every test class that needs one; each class works in its own schema.</summary>
[CollectionDefinition(Name)]
public sealed class PostgreSqlServerGroup : ICollectionFixture<PostgreSqlServerFixture>
{
    public const string Name = "postgresql";
}
