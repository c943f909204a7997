using Runbooks.Storage.Sqlite;

namespace Runbooks.Storage.Tests.Durability;

/// <summary>Crash, takeover and resume on SQLite: two journal stores on one file, as two processes would be.</summary>
public sealed class SqliteResumeTests : ResumeContract, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("runbooks-resume-").FullName;

    protected override JournalDatabase OpenDatabase() => new SqliteJournalDatabase(Path.Combine(_directory, "runbooks.db"));

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
}
