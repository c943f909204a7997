using System.Data.Common;
using Microsoft.Data.Sqlite;
using Runbooks.Storage.Schema;

namespace Runbooks.Storage.Sqlite;

/// <summary>
/// The embedded default: one SQLite file, in WAL mode so readers (<c>runbooks runs list</c>) never block the run
/// writing it, with <c>synchronous=FULL</c> so a step's recorded start survives a power cut, not just a crash of the
/// process — the write-ahead promise depends on it.
/// </summary>
public sealed class SqliteJournalDatabase : JournalDatabase
{
    private readonly string _connectionString;

    /// <summary>A database in <paramref name="path"/> (created with its folder when missing).</summary>
    public SqliteJournalDatabase(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Path = System.IO.Path.GetFullPath(path);
        var folder = System.IO.Path.GetDirectoryName(Path);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = Path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // Also SQLite's busy timeout: a writer waits this long for another process's write to finish.
            DefaultTimeout = 30,
            Pooling = true,
        }.ToString();
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <inheritdoc />
    public override string Provider => "sqlite";

    /// <inheritdoc />
    public override string Location => Path;

    internal override IReadOnlyList<Migration> Migrations => SqliteMigrations.All;

    internal override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            await using var pragmas = connection.CreateCommand();
            // busy_timeout: a writer that finds the write lock taken (the run journal's and the alert store's writers share
            // this file) waits in SQLite's own busy handler, which retries within milliseconds of the lock's release.
            // Without it Microsoft.Data.Sqlite retries by itself after a fixed 150 ms sleep: in an alert storm most step
            // starts paid that once or more (bench/alerts, docs/performance.md). Same 30 s limit as DefaultTimeout.
            pragmas.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 30000;";
            await pragmas.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    // BeginTransaction on Microsoft.Data.Sqlite is BEGIN IMMEDIATE: each migration already holds the write lock.
    internal override Task<IAsyncDisposable> LockForMigrationAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<IAsyncDisposable>(NothingToRelease.Instance);

    internal override string NowMillisSql => "CAST((julianday('now') - 2440587.5) * 86400000 AS INTEGER)";

    internal override bool IsDatabaseError(Exception exception) => exception is SqliteException;

    /// <inheritdoc />
    public override ValueTask DisposeAsync()
    {
        // Pooled connections keep the file open (and its WAL unmerged) after the last use; release them.
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }
        return base.DisposeAsync();
    }
}
