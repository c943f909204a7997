namespace Runbooks.Storage;

/// <summary>
/// Paused schedules: a paused schedule keeps its recurring job, and each firing is recorded as skipped (with who paused
/// it and why) until it is resumed. Kept in the journal so every worker honours the same pause.
/// </summary>
public sealed class SchedulePauses
{
    private readonly JournalDatabase _database;

    internal SchedulePauses(JournalDatabase database) => _database = database;

    /// <summary>Pauses schedule <paramref name="scheduleId"/>; false when it was already paused (the first pause stays).</summary>
    public async Task<bool> PauseAsync(string scheduleId, string by, string reason, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null,
            "INSERT INTO schedule_pauses (schedule_id, paused_by, paused_at, reason) VALUES (@id, @by, @at, @reason) ON CONFLICT (schedule_id) DO NOTHING",
            ("id", scheduleId), ("by", by), ("at", at), ("reason", reason));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <summary>Resumes a paused schedule; false when it was not paused.</summary>
    public async Task<bool> ResumeAsync(string scheduleId, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null, "DELETE FROM schedule_pauses WHERE schedule_id = @id", ("id", scheduleId));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <summary>Every paused schedule by id.</summary>
    public async Task<IReadOnlyDictionary<string, SchedulePause>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = Sql.Command(connection, null, "SELECT schedule_id, paused_by, paused_at, reason FROM schedule_pauses");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var pauses = new Dictionary<string, SchedulePause>(StringComparer.Ordinal);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            pauses[reader.GetString(0)] = new SchedulePause(reader.GetString(0), reader.GetString(1), Sql.Instant(reader, 2), reader.GetString(3));
        }
        return pauses;
    }
}
