using Runbooks.Storage.Sqlite;

namespace Runbooks.Storage.Tests.Locks;

/// <summary>The lock contract on a SQLite file, the embedded default; each lock service opens the file as a worker would.</summary>
public sealed class SqliteTargetLocksTests : SqlTargetLocksContract
{
    private readonly string _directory = Directory.CreateTempSubdirectory("runbooks-locks-").FullName;

    protected override JournalDatabase OpenDatabase() => new SqliteJournalDatabase(Path.Combine(_directory, "runbooks.db"));

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }
}
