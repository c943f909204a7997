namespace Runbooks.Storage;

/// <summary>
/// The journal's record of runbooks saved or deleted through the API: the new version's text (kept per content hash,
/// beside the versions runs used), the version it replaced, who and when.
/// </summary>
public sealed class RunbookSaves
{
    private readonly JournalDatabase _database;

    internal RunbookSaves(JournalDatabase database) => _database = database;

    /// <summary>
    /// Records a save of <paramref name="name"/> at <paramref name="path"/>: <paramref name="content"/> (null for a delete)
    /// with hash <paramref name="contentHash"/>, replacing <paramref name="previousHash"/> (null for a new runbook).
    /// </summary>
    public async Task RecordAsync(string name, string path, string? content, string? contentHash, string? previousHash, string by, DateTimeOffset at,
        CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        if (content is not null && contentHash is not null)
        {
            await using var version = Sql.Command(connection, transaction,
                """
                INSERT INTO runbook_versions (content_hash, name, source_path, content, recorded_at) VALUES (@hash, @name, @path, @content, @at)
                ON CONFLICT (content_hash) DO NOTHING
                """,
                ("hash", contentHash), ("name", name), ("path", path), ("content", content), ("at", at));
            await version.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await using (var save = Sql.Command(connection, transaction,
            "INSERT INTO runbook_saves (name, source_path, content_hash, previous_hash, saved_by, saved_at) VALUES (@name, @path, @hash, @previous, @by, @at)",
            ("name", name), ("path", path), ("hash", contentHash), ("previous", previousHash), ("by", by), ("at", at)))
        {
            await save.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The saves of <paramref name="name"/>, newest first.</summary>
    public async Task<IReadOnlyList<RunbookSave>> HistoryAsync(string name, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null,
            "SELECT name, source_path, content_hash, previous_hash, saved_by, saved_at FROM runbook_saves WHERE name = @name ORDER BY id DESC LIMIT @limit",
            ("name", name), ("limit", limit));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var saves = new List<RunbookSave>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            saves.Add(new RunbookSave(reader.GetString(0), reader.GetString(1), Sql.NullableString(reader, 2), Sql.NullableString(reader, 3),
                reader.GetString(4), Sql.Instant(reader, 5)));
        }
        return saves;
    }
}
