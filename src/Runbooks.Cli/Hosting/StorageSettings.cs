using Microsoft.Extensions.Configuration;
using Runbooks.Core;
using Runbooks.Storage;
using Runbooks.Storage.PostgreSql;
using Runbooks.Storage.Sqlite;

namespace Runbooks.Cli.Hosting;

/// <summary>
/// The <c>Runbooks:Storage</c> section: where the run journal lives. SQLite by default (no server to install), at
/// <c>Sqlite:Path</c>, else <c>$XDG_STATE_HOME/runbooks/runbooks.db</c> (<c>~/.local/state/runbooks/runbooks.db</c>);
/// PostgreSQL with <c>Provider: postgresql</c> and a connection string — from <c>PostgreSql:ConnectionString</c>, or
/// (to keep the password out of files) from the environment variable <c>PostgreSql:ConnectionStringEnv</c> names
/// (default <c>RUNBOOKS_POSTGRES</c>).
/// </summary>
internal sealed record StorageSettings
{
    /// <summary>The environment variable read for the PostgreSQL connection string when the file gives none.</summary>
    public const string DefaultConnectionStringEnv = "RUNBOOKS_POSTGRES";

    /// <summary><c>sqlite</c> or <c>postgresql</c>.</summary>
    public string Provider { get; init; } = "sqlite";

    /// <summary>The SQLite file, or null for the default location.</summary>
    public string? SqlitePath { get; init; }

    /// <summary>The PostgreSQL connection string, or null to read <see cref="ConnectionStringEnv"/>.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>The environment variable holding the connection string.</summary>
    public string ConnectionStringEnv { get; init; } = DefaultConnectionStringEnv;

    /// <summary>The PostgreSQL schema the tables live in.</summary>
    public string Schema { get; init; } = "runbooks";

    /// <summary>
    /// Runbooks:Storage:RunLeaseSeconds: how long a run stays owned by a process that stopped renewing (killed) before
    /// another worker or <c>runbooks runs resume</c> may take it over. Default 30.
    /// </summary>
    public int RunLeaseSeconds { get; init; } = 30;

    public static StorageSettings From(IConfigurationSection section) => new()
    {
        Provider = (section.GetValue<string?>("Provider") ?? "sqlite").Trim().ToLowerInvariant(),
        SqlitePath = NullIfEmpty(section.GetValue<string?>("Sqlite:Path")),
        ConnectionString = NullIfEmpty(section.GetValue<string?>("PostgreSql:ConnectionString")),
        ConnectionStringEnv = NullIfEmpty(section.GetValue<string?>("PostgreSql:ConnectionStringEnv")) ?? DefaultConnectionStringEnv,
        Schema = NullIfEmpty(section.GetValue<string?>("PostgreSql:Schema")) ?? "runbooks",
        RunLeaseSeconds = Math.Clamp(section.GetValue<int?>("RunLeaseSeconds") ?? 30, 1, 3600),
    };

    /// <summary>The database these settings name; nothing is opened yet.</summary>
    public JournalDatabase CreateDatabase() => Provider switch
    {
        "sqlite" => new SqliteJournalDatabase(SqlitePath ?? DefaultSqlitePath()),
        "postgresql" => new PostgreSqlJournalDatabase(PostgreSqlConnectionString(), Schema),
        _ => throw new RunbooksException($"Runbooks:Storage:Provider '{Provider}' is not known; use sqlite (the default) or postgresql"),
    };

    /// <summary>The PostgreSQL connection string: from the settings, else from the environment variable they name.</summary>
    public string PostgreSqlConnectionString() =>
        ConnectionString ?? NullIfEmpty(Environment.GetEnvironmentVariable(ConnectionStringEnv)) ?? throw new RunbooksException(
            $"Runbooks:Storage:Provider is postgresql but there is no connection string: set Runbooks:Storage:PostgreSql:ConnectionString in appsettings.json, or the environment variable {ConnectionStringEnv}");

    /// <summary><c>$XDG_STATE_HOME/runbooks/runbooks.db</c>, else <c>~/.local/state/runbooks/runbooks.db</c>.</summary>
    public static string DefaultSqlitePath()
    {
        var state = NullIfEmpty(Environment.GetEnvironmentVariable("XDG_STATE_HOME"))
            ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        return Path.Combine(state, "runbooks", "runbooks.db");
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;
}
