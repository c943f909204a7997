using Runbooks.Storage.Sqlite;

namespace Runbooks.Storage.Tests.Alerts;

/// <summary>Alert decisions on a SQLite file, the embedded default.</summary>
public sealed class SqliteAlertIntakeTests : AlertIntakeContract, IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("runbooks-alerts-").FullName;

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
