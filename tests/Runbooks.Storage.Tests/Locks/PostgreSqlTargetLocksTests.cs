using System.Net;
using System.Net.Sockets;
using Runbooks.Core.Locks;
using Runbooks.Storage.Locks;
using Runbooks.Storage.PostgreSql;
using Runbooks.Testing.PostgreSql;

namespace Runbooks.Storage.Tests.Locks;

/// <summary>The lock contract on a real PostgreSQL server, in a schema of this test class's own.</summary>
[Collection(PostgreSqlServerGroup.Name)]
public sealed class PostgreSqlTargetLocksTests : SqlTargetLocksContract
{
    private readonly PostgreSqlServerFixture _server;
    private readonly string _schema;

    public PostgreSqlTargetLocksTests(PostgreSqlServerFixture server)
    {
        _server = server;
        _schema = server.NewSchemaName("locks");
    }

    protected override JournalDatabase OpenDatabase() => new PostgreSqlJournalDatabase(_server.ConnectionString, _schema);

    [Fact]
    public async Task AcquireAsync_DatabaseUnreachable_KeepsTryingThenTimesOutSayingSo()
    {
        await using var database = new PostgreSqlJournalDatabase($"Host=127.0.0.1;Port={ClosedPort()};Username=runbooks;Database=postgres;Timeout=2", _schema);
        await using var locks = new SqlTargetLocks(database);

        var error = await Assert.ThrowsAsync<TargetLockTimeoutException>(async () =>
            await locks.AcquireAsync(Request("r1", wait: TimeSpan.FromSeconds(1)), CancellationToken.None));

        Assert.Null(error.Holder);
        Assert.StartsWith("run r1 waited ", error.Message, StringComparison.Ordinal);
        Assert.Contains(" for the lock on web-1 and gave up: the lock database could not be reached (", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("), so the holder is unknown; check the database or raise Runbooks:Locks:WaitTimeout", error.Message, StringComparison.Ordinal);
    }

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port; // closed again when the listener is disposed
    }
}
