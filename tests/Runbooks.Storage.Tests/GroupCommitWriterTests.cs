using System.Net;
using System.Net.Sockets;
using Runbooks.Core.Journal;
using Runbooks.Storage.PostgreSql;

namespace Runbooks.Storage.Tests;

/// <summary>The journal's writer when its database is away: every change fails with the reason, none waits forever.</summary>
public sealed class GroupCommitWriterTests
{
    /// <summary>A loopback port nothing listens on: connecting is refused at once.</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [Fact]
    public async Task WriteAsync_SeveralLanesAndTheDatabaseAway_EveryChangeFailsAndTheWriterStaysUsable()
    {
        // Several lanes wake for one change; those that find nothing must not try (and fail) to commit nothing.
        await using var database = new PostgreSqlJournalDatabase($"Host=127.0.0.1;Port={ClosedPort()};Username=runbooks;Timeout=5", "lanes");
        var writer = new GroupCommitWriter(database, lanes: 4, maxGroup: 1);

        // One at a time, as a quiet server's changes come: each wakes every idle lane.
        for (var i = 0; i < 12; i++)
        {
            var write = writer.WriteAsync((_, _) => Task.CompletedTask, $"write {i}");
            // A hang guard, not a timing assertion: a refused connection answers in milliseconds.
            var error = await Assert.ThrowsAsync<JournalUnavailableException>(() => write.WaitAsync(TimeSpan.FromSeconds(30)));
            Assert.StartsWith($"cannot write {i} in the postgresql journal", error.Message, StringComparison.Ordinal);
            await Task.Delay(20);
        }

        await writer.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(30));
    }
}
