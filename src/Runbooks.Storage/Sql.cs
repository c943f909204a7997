using System.Data.Common;

namespace Runbooks.Storage;

/// <summary>Small ADO.NET helpers shared by the journal and the run store, the same for both providers.</summary>
internal static class Sql
{
    /// <summary>Adds a named parameter (<c>@name</c> in the text); null becomes SQL NULL.</summary>
    public static void Add(DbCommand command, string name, object? value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value switch
        {
            null => DBNull.Value,
            // Both providers store instants in UTC: SQLite as sortable text, PostgreSQL as timestamptz (which takes UTC only).
            DateTimeOffset at => at.ToUniversalTime(),
            _ => value,
        };
        command.Parameters.Add(parameter);
    }

    /// <summary>Creates a command with its text and parameters.</summary>
    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string text, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = text;
        foreach (var (name, value) in parameters)
        {
            Add(command, name, value);
        }
        return command;
    }

    /// <summary>A nullable string column.</summary>
    public static string? NullableString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>An instant column (text in SQLite, timestamptz in PostgreSQL).</summary>
    public static DateTimeOffset Instant(DbDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
    {
        DateTimeOffset at => at,
        DateTime at => new DateTimeOffset(DateTime.SpecifyKind(at, DateTimeKind.Utc)),
        string text => DateTimeOffset.Parse(text, System.Globalization.CultureInfo.InvariantCulture),
        var other => throw new InvalidCastException($"column {reader.GetName(ordinal)} holds {other.GetType().Name}, not an instant"),
    };

    /// <summary>A nullable instant column.</summary>
    public static DateTimeOffset? NullableInstant(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : Instant(reader, ordinal);
}
