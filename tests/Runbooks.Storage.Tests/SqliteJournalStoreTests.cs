using Runbooks.Storage.Sqlite;

namespace Runbooks.Storage.Tests;

/// <summary>The journal contract on a SQLite file, the embedded default.</summary>
public sealed class SqliteJournalStoreTests : JournalStoreContract, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("runbooks-sqlite-").FullName;

    private string DatabaseFile => Path.Combine(_directory, "state", "runbooks.db");

    protected override JournalDatabase CreateDatabase() => new SqliteJournalDatabase(DatabaseFile);

    protected override JournalDatabase ReopenDatabase() => new SqliteJournalDatabase(DatabaseFile);

    protected override Func<JournalDatabase> AnotherNewDatabase()
    {
        var file = Path.Combine(_directory, Guid.NewGuid().ToString("N"), "runbooks.db");
        return () => new SqliteJournalDatabase(file);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp directory is harmless.
        }
    }

    [Fact]
    public void Constructor_MissingFolder_IsCreated()
    {
        Assert.True(File.Exists(DatabaseFile));
    }
}
