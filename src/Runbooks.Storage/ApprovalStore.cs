using System.Data.Common;
using Runbooks.Core;
using Runbooks.Core.Journal;

namespace Runbooks.Storage;

/// <summary>
/// Approval gates and decisions (<c>runbooks runs approve|reject</c>). A decision is stored before anything else
/// happens and wakes the suspended run: the next sweep of any worker resumes it, and the gate counts the decisions.
/// </summary>
public sealed class ApprovalStore
{
    private readonly JournalDatabase _database;

    internal ApprovalStore(JournalDatabase database) => _database = database;

    /// <summary>The gates of a run that have been reached, with every decision.</summary>
    public async Task<IReadOnlyList<(ApprovalRequest Gate, IReadOnlyList<ApprovalDecision> Decisions)>> ListAsync(string runId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var gates = await ReadGatesAsync(connection, runId, cancellationToken).ConfigureAwait(false);
        var decisions = await ReadDecisionsAsync(connection, runId, cancellationToken).ConfigureAwait(false);
        return [.. gates.Select(g => (g, (IReadOnlyList<ApprovalDecision>)[.. decisions.Where(d => d.StepPath == g.StepPath)]))];
    }

    /// <summary>
    /// Records a decision at a run's open gate (the only one, or <paramref name="stepPath"/>). Refused with a clear message
    /// when the run is not waiting there, the decider is not an approver (<paramref name="isApprover"/>), or already decided.
    /// </summary>
    public async Task<ApprovalRequest> DecideAsync(string runId, string? stepPath, string by, bool approved, string comment,
        Func<IReadOnlyList<string>, bool> isApprover, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(isApprover);
        if (string.IsNullOrWhiteSpace(comment))
        {
            throw new RunbooksException("a decision needs a comment (--comment \"why\"): it is the audit trail of the approval");
        }
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            string status;
            await using (var read = Sql.Command(connection, transaction, "SELECT status FROM runs WHERE run_id = @id", ("id", runId)))
            {
                status = await read.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string
                    ?? throw new RunbooksException($"there is no run {runId} in the journal");
            }
            var gates = await ReadGatesAsync(connection, runId, cancellationToken, transaction).ConfigureAwait(false);
            var decisions = await ReadDecisionsAsync(connection, runId, cancellationToken, transaction).ConfigureAwait(false);
            var open = gates.Where(g => !IsClosed(g, decisions, at)).ToList();
            if (status != "suspended" || open.Count == 0)
            {
                throw new RunbooksException($"run {runId} is {status} and waits for no approval" +
                    (gates.Count == 0 ? "" : $" (its gates: {string.Join(", ", gates.Select(g => g.StepPath))}, all decided or timed out)"));
            }
            var gate = stepPath is null
                ? open.Count == 1 ? open[0] : throw new RunbooksException($"run {runId} waits at {open.Count} gates ({string.Join(", ", open.Select(g => g.StepPath))}): say which with --step")
                : open.FirstOrDefault(g => g.StepPath == stepPath) ?? throw new RunbooksException(
                    $"run {runId} has no open approval gate '{stepPath}'; open: {string.Join(", ", open.Select(g => g.StepPath))}");
            if (!isApprover(gate.Approvers))
            {
                throw new RunbooksException($"{by} may not decide gate '{gate.StepPath}' of run {runId}: its approvers are {string.Join(", ", gate.Approvers)}");
            }
            if (decisions.Any(d => d.StepPath == gate.StepPath && string.Equals(d.By, by, StringComparison.Ordinal)))
            {
                throw new RunbooksException($"{by} already decided gate '{gate.StepPath}' of run {runId}; a decision is recorded once");
            }
            await using (var insert = Sql.Command(connection, transaction,
                "INSERT INTO approval_decisions (run_id, step_path, decided_by, approved, comment, at) VALUES (@id, @path, @by, @approved, @comment, @at)",
                ("id", runId), ("path", gate.StepPath), ("by", by), ("approved", approved), ("comment", comment), ("at", at)))
            {
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            // Wake the run now: the next sweep resumes it and the gate counts the decisions.
            await using (var wake = Sql.Command(connection, transaction, "UPDATE runs SET wake_at = @at WHERE run_id = @id AND status = 'suspended'", ("at", at), ("id", runId)))
            {
                await wake.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            await SqlRunJournal.EventAsync(connection, transaction, runId, at, approved ? "approval.approved" : "approval.rejected", gate.StepPath, null, null,
                $"{(approved ? "approved" : "rejected")} by {by}: {comment}", cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return gate;
        }
        catch (Exception ex) when (_database.IsDatabaseError(ex))
        {
            throw new RunbooksException($"cannot record the decision on run {runId} in the {_database.Provider} journal at {_database.Location}: {ex.Message}", ex);
        }
    }

    /// <summary>Whether a gate no longer takes decisions: rejected, approved often enough, or timed out.</summary>
    public static bool IsClosed(ApprovalRequest gate, IReadOnlyList<ApprovalDecision> decisions, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(gate);
        var mine = decisions.Where(d => d.StepPath == gate.StepPath).ToList();
        return mine.Any(d => !d.Approved) || mine.Count(d => d.Approved) >= gate.MinApprovals || at >= gate.ExpiresAt;
    }

    /// <summary>A run's approval gates, oldest first (<c>@id</c>); read with <see cref="ReadGatesAsync(DbDataReader, string, CancellationToken)"/>.</summary>
    internal const string GatesSql = "SELECT step_path, approvers, min_approvals, message, requested_at, expires_at FROM approvals WHERE run_id = @id ORDER BY requested_at";

    /// <summary>A run's approval decisions, in order (<c>@id</c>); read with <see cref="ReadDecisionsAsync(DbDataReader, string, CancellationToken)"/>.</summary>
    internal const string DecisionsSql = "SELECT step_path, decided_by, approved, comment, at FROM approval_decisions WHERE run_id = @id ORDER BY seq";

    internal static async Task<IReadOnlyList<ApprovalRequest>> ReadGatesAsync(DbConnection connection, string runId, CancellationToken cancellationToken, DbTransaction? transaction = null)
    {
        await using var read = Sql.Command(connection, transaction, GatesSql, ("id", runId));
        await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await ReadGatesAsync(reader, runId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the current result set of <see cref="GatesSql"/>.</summary>
    internal static async Task<IReadOnlyList<ApprovalRequest>> ReadGatesAsync(DbDataReader reader, string runId, CancellationToken cancellationToken)
    {
        var gates = new List<ApprovalRequest>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            gates.Add(new ApprovalRequest
            {
                RunId = runId, StepPath = reader.GetString(0),
                Approvers = (JsonValues.Read(reader.GetString(1)) as IEnumerable<object?> ?? []).Select(a => a?.ToString() ?? "").ToList(),
                MinApprovals = reader.GetInt32(2), Message = reader.GetString(3), RequestedAt = Sql.Instant(reader, 4), ExpiresAt = Sql.Instant(reader, 5),
            });
        }
        return gates;
    }

    internal static async Task<IReadOnlyList<ApprovalDecision>> ReadDecisionsAsync(DbConnection connection, string runId, CancellationToken cancellationToken, DbTransaction? transaction = null)
    {
        await using var read = Sql.Command(connection, transaction, DecisionsSql, ("id", runId));
        await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await ReadDecisionsAsync(reader, runId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the current result set of <see cref="DecisionsSql"/>.</summary>
    internal static async Task<IReadOnlyList<ApprovalDecision>> ReadDecisionsAsync(DbDataReader reader, string runId, CancellationToken cancellationToken)
    {
        var decisions = new List<ApprovalDecision>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            decisions.Add(new ApprovalDecision(runId, reader.GetString(0), reader.GetString(1), reader.GetBoolean(2), reader.GetString(3), Sql.Instant(reader, 4)));
        }
        return decisions;
    }

    private async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (_database.IsDatabaseError(ex))
        {
            throw new RunbooksException($"cannot open the {_database.Provider} journal at {_database.Location}: {ex.Message}", ex);
        }
    }
}
