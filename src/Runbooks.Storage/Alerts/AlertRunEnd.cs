using System.Data.Common;

namespace Runbooks.Storage.Alerts;

/// <summary>How an alert-triggered run ended, judged once and kept on its <c>alert_runs</c> row.</summary>
internal static class AlertRunEnd
{
    public static async Task<AlertRunOutcome?> JudgeAsync(DbConnection connection, DbTransaction transaction, AlertRecordContext context, string runId, CancellationToken cancellationToken)
    {
        string runbook, fingerprint, status, triggerId;
        string? verify, outcome, outcomeReason, error, targets;
        await using (var read = Sql.Command(connection, transaction,
            """
            SELECT a.runbook, a.fingerprint, a.verify_step, a.outcome, a.outcome_reason, r.status, r.error, r.targets, a.trigger_id
            FROM alert_runs a JOIN runs r ON r.run_id = a.run_id WHERE a.run_id = @id
            """, ("id", runId)))
        await using (var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }
            (runbook, fingerprint, verify, outcome, outcomeReason) = (reader.GetString(0), reader.GetString(1), Sql.NullableString(reader, 2), Sql.NullableString(reader, 3), Sql.NullableString(reader, 4));
            (status, error, targets, triggerId) = (reader.GetString(5), Sql.NullableString(reader, 6), Sql.NullableString(reader, 7), reader.GetString(8));
        }
        if (outcome is not null)
        {
            return new AlertRunOutcome(runId, runbook, fingerprint, outcome, outcomeReason ?? "", Escalated: false);
        }
        string reason;
        switch (status)
        {
            case "succeeded":
                var failedVerify = verify is null ? null : await FailedVerifyAsync(connection, transaction, runId, verify, cancellationToken).ConfigureAwait(false);
                (outcome, reason) = failedVerify is null
                    ? ("succeeded", verify is null ? "the run succeeded" : $"the run succeeded and its verify step '{verify}' passed or did not run")
                    : ("failed", failedVerify);
                break;
            case "failed":
                (outcome, reason) = ("failed", $"the run failed: {error ?? "no error recorded"}");
                break;
            case "cancelled":
                (outcome, reason) = ("cancelled", error ?? "the run was cancelled");
                break;
            default:
                return null; // queued, running, suspended, in doubt: not ended
        }
        await using (var update = Sql.Command(connection, transaction,
            "UPDATE alert_runs SET outcome = @outcome, outcome_reason = @reason WHERE run_id = @id AND outcome IS NULL", ("outcome", outcome), ("reason", reason), ("id", runId)))
        {
            await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        if (outcome != "failed")
        {
            return new AlertRunOutcome(runId, runbook, fingerprint, outcome, reason, Escalated: false);
        }
        var body = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["kind"] = "remediationFailed", ["runbook"] = runbook, ["trigger"] = triggerId, ["fingerprint"] = fingerprint, ["runId"] = runId,
            ["targets"] = JsonValues.Read(targets), ["reason"] = reason, ["at"] = Core.Alerts.IncomingAlert.Instant(context.Now),
        };
        await AlertDecider.EscalateAsync(connection, transaction, context, $"failed:{runId}", "remediationFailed",
            $"Runbooks: remediation failed: {runbook} (run {runId})", body, cancellationToken).ConfigureAwait(false);
        return new AlertRunOutcome(runId, runbook, fingerprint, outcome, reason, Escalated: context.Channels.Count > 0);
    }

    /// <summary>Why the verify step failed (its last attempt on some target did not succeed), or null.</summary>
    private static async Task<string?> FailedVerifyAsync(DbConnection connection, DbTransaction transaction, string runId, string verify, CancellationToken cancellationToken)
    {
        var last = new Dictionary<string, (string Status, string? Error)>(StringComparer.Ordinal);
        await using var read = Sql.Command(connection, transaction,
            "SELECT target, status, error FROM step_attempts WHERE run_id = @id AND step_id = @step ORDER BY fencing_token", ("id", runId), ("step", verify));
        await using var reader = await read.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            last[reader.GetString(0)] = (reader.GetString(1), Sql.NullableString(reader, 2));
        }
        foreach (var (target, (status, error)) in last.OrderBy(l => l.Key, StringComparer.Ordinal))
        {
            if (status is "failed" or "timedOut" or "interrupted")
            {
                return $"the verify step '{verify}' {(status == "timedOut" ? "timed out" : status)} on {target}{(error is null ? "" : $": {error}")}";
            }
        }
        return null;
    }
}
