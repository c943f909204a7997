using System.Data.Common;
using System.Globalization;
using Runbooks.Core.Alerts;
using Runbooks.Core.Journal;
using Runbooks.Core.Model;
using Runbooks.Core.Shapes;

namespace Runbooks.Storage.Alerts;

/// <summary>
/// Decides about one alert inside one transaction: stores it, then for each trigger that matched decides — in this
/// order — duplicate firing, open breaker, target needing a human, active run, cooldown, breaker limit, start. The run
/// is queued in the same transaction as its <c>started</c> decision, so "committed" means both or neither. The
/// fingerprint and the targets are locked first (<see cref="AlertLocks"/>): concurrent notifications for one alert
/// decide one after the other, and only the first starts a run.
/// </summary>
internal sealed class AlertDecider(JournalDatabase database, DbConnection connection, DbTransaction transaction, AlertRecordContext context)
{
    private static readonly string Active = "'queued', 'running', 'suspended', 'inDoubt'";

    private readonly List<AlertDecision> _decisions = [];
    private long _seq;
    private IncomingAlert _alert = null!;

    public async Task<StoredAlert> DecideAsync(ReceivedAlert received, IReadOnlyList<AlertCandidate> candidates, CancellationToken cancellationToken)
    {
        _alert = received.Alert;
        _seq = await InsertAlertAsync(received, cancellationToken).ConfigureAwait(false);
        if (received.Problem is { } problem)
        {
            await DecideAsync(new AlertDecision(AlertDecisionKind.Rejected, problem, context.Now), cancellationToken).ConfigureAwait(false);
        }
        else if (_alert.Status == AlertStatus.Resolved)
        {
            await AlertLocks.LockAsync(database, connection, transaction, [$"fingerprint:{_alert.Fingerprint}"], cancellationToken).ConfigureAwait(false);
            await ResolveAsync(cancellationToken).ConfigureAwait(false);
        }
        else if (candidates.Count == 0)
        {
            await DecideAsync(new AlertDecision(AlertDecisionKind.NoMatch,
                $"no alert trigger matches; {context.TriggersChecked} alert trigger(s) in {context.RunbooksChecked} runbook(s) checked", context.Now), cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // Every key this alert's decisions read or write, locked up front and in one order.
            var keys = candidates.Where(c => c.Verdict is null).SelectMany(c => c.Targets.Select(t => $"target:{t}")).Prepend($"fingerprint:{_alert.Fingerprint}");
            await AlertLocks.LockAsync(database, connection, transaction, keys, cancellationToken).ConfigureAwait(false);
            foreach (var candidate in candidates)
            {
                var about = Describe(candidate);
                await DecideAsync(about(AlertDecisionKind.Matched, MatchReason(candidate)), cancellationToken).ConfigureAwait(false);
                var decision = candidate.Verdict is { } verdict
                    ? about(verdict, candidate.Reason ?? "")
                    : await DecideRunAsync(candidate, about, cancellationToken).ConfigureAwait(false);
                await DecideAsync(decision, cancellationToken).ConfigureAwait(false);
            }
        }
        return new StoredAlert { Seq = _seq, ReceivedAt = context.Now, Alert = _alert, Problem = received.Problem, Decisions = [.. _decisions] };
    }

    private Func<AlertDecisionKind, string, AlertDecision> Describe(AlertCandidate candidate) => (kind, reason) =>
        new AlertDecision(kind, reason, context.Now) { Runbook = candidate.Runbook.Name, TriggerId = candidate.Trigger.Id, Targets = candidate.Targets };

    private async Task<AlertDecision> DecideRunAsync(AlertCandidate candidate, Func<AlertDecisionKind, string, AlertDecision> about, CancellationToken cancellationToken)
    {
        var runbook = candidate.Runbook.Name;
        var trigger = candidate.Trigger;
        var fingerprint = _alert.Fingerprint;
        var startsAt = IncomingAlert.Instant(_alert.StartsAt);
        if (await ScalarAsync<string>("SELECT run_id FROM alert_runs WHERE runbook = @runbook AND fingerprint = @fp AND starts_at = @starts",
            cancellationToken, ("runbook", runbook), ("fp", fingerprint), ("starts", startsAt)).ConfigureAwait(false) is { } same)
        {
            return about(AlertDecisionKind.Duplicate, $"this firing (startsAt {startsAt}) already has run {same}; a repeated notification starts no second run") with { RunId = same };
        }
        await using (var open = Sql.Command(connection, transaction,
            "SELECT tripped_at, reason FROM alert_breakers WHERE scope = 'fingerprint' AND scope_key = @fp AND reset_at IS NULL", ("fp", fingerprint)))
        await using (var reader = await open.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return about(AlertDecisionKind.BreakerOpen,
                    $"the breaker for this alert is open since {Utc(Sql.Instant(reader, 0))} ({reader.GetString(1)}); no automatic run until it is reset");
            }
        }
        var (names, parameters) = InList("t", candidate.Targets);
        await using (var marked = Sql.Command(connection, transaction,
            $"SELECT target, since, reason FROM alert_needs_human WHERE reset_at IS NULL AND target IN ({(candidate.Targets.Count == 0 ? "NULL" : names)}) ORDER BY target", parameters))
        await using (var reader = await marked.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return about(AlertDecisionKind.NeedsHuman,
                    $"{reader.GetString(0)} needs a human since {Utc(Sql.Instant(reader, 1))} ({reader.GetString(2)}); no automatic run touches it until it is reset");
            }
        }
        await using (var active = Sql.Command(connection, transaction,
            $"SELECT r.run_id, r.status FROM alert_runs a JOIN runs r ON r.run_id = a.run_id WHERE a.runbook = @runbook AND a.fingerprint = @fp AND r.status IN ({Active}) ORDER BY a.created_at LIMIT 1",
            ("runbook", runbook), ("fp", fingerprint)))
        await using (var reader = await active.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var id = reader.GetString(0);
                return about(AlertDecisionKind.Duplicate, $"run {id} for this alert is still {reader.GetString(1)}; new firings start nothing until it ends") with { RunId = id };
            }
        }
        if (trigger.Cooldown > TimeSpan.Zero)
        {
            await using var last = Sql.Command(connection, transaction,
                "SELECT r.run_id, r.ended_at, r.status FROM alert_runs a JOIN runs r ON r.run_id = a.run_id WHERE a.runbook = @runbook AND a.fingerprint = @fp AND r.ended_at IS NOT NULL ORDER BY r.ended_at DESC LIMIT 1",
                ("runbook", runbook), ("fp", fingerprint));
            await using var reader = await last.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var ended = Sql.Instant(reader, 1);
                if (ended + trigger.Cooldown > context.Now)
                {
                    var id = reader.GetString(0);
                    return about(AlertDecisionKind.Cooldown,
                        $"run {id} for this alert ended {Utc(ended)} ({reader.GetString(2)}); the cooldown of {DurationParser.Format(trigger.Cooldown)} lasts until {Utc(ended + trigger.Cooldown)}") with { RunId = id };
                }
            }
        }
        if (await TripAsync(candidate, cancellationToken).ConfigureAwait(false) is { } tripped)
        {
            return about(AlertDecisionKind.BreakerOpen, tripped);
        }
        return await StartAsync(candidate, about, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>When the breaker's limit is reached (for the alert, or for a target): trips it and returns the reason; else null.</summary>
    private async Task<string?> TripAsync(AlertCandidate candidate, CancellationToken cancellationToken)
    {
        var limit = candidate.Trigger.MaxRuns;
        var since = context.Now - limit.Per;
        var window = $"maxRuns {limit.Count} per {DurationParser.Format(limit.Per)}";
        string? scope = null, key = null, why = null;
        var forAlert = await CountAsync("SELECT COUNT(*) FROM alert_runs WHERE runbook = @runbook AND fingerprint = @fp AND created_at > @since",
            cancellationToken, ("runbook", candidate.Runbook.Name), ("fp", _alert.Fingerprint), ("since", await SinceAsync("fingerprint", _alert.Fingerprint, since, cancellationToken).ConfigureAwait(false))).ConfigureAwait(false);
        if (forAlert >= limit.Count)
        {
            (scope, key, why) = ("fingerprint", _alert.Fingerprint, $"{forAlert} automatic run(s) of '{candidate.Runbook.Name}' for this alert in the last {DurationParser.Format(limit.Per)} ({window})");
        }
        else
        {
            foreach (var target in candidate.Targets)
            {
                var onTarget = await CountAsync("SELECT COUNT(*) FROM alert_run_targets WHERE target = @target AND created_at > @since",
                    cancellationToken, ("target", target), ("since", await SinceAsync("target", target, since, cancellationToken).ConfigureAwait(false))).ConfigureAwait(false);
                if (onTarget >= limit.Count)
                {
                    (scope, key, why) = ("target", target, $"{onTarget} automatic run(s) on {target} in the last {DurationParser.Format(limit.Per)} ({window})");
                    break;
                }
            }
        }
        if (scope is null)
        {
            return null;
        }
        // The open-breaker index makes a second trip of the same key impossible; under the lock it cannot even be attempted.
        var breaker = await ScalarAsync<long?>(
            """
            INSERT INTO alert_breakers (scope, scope_key, runbook, tripped_at, reason) VALUES (@scope, @key, @runbook, @at, @reason)
            ON CONFLICT (scope, scope_key) WHERE reset_at IS NULL DO NOTHING RETURNING id
            """, cancellationToken, ("scope", scope), ("key", key), ("runbook", candidate.Runbook.Name), ("at", context.Now), ("reason", why)).ConfigureAwait(false);
        if (breaker is not { } id)
        {
            return $"{why}; the breaker for {key} is already open";
        }
        foreach (var target in candidate.Targets)
        {
            await ExecuteAsync(
                """
                INSERT INTO alert_needs_human (target, since, reason, breaker_id) VALUES (@target, @at, @reason, @breaker)
                ON CONFLICT (target) WHERE reset_at IS NULL DO NOTHING
                """, cancellationToken, ("target", target), ("at", context.Now), ("reason", $"the breaker tripped: {why}"), ("breaker", id)).ConfigureAwait(false);
        }
        var where = candidate.Targets.Count == 0 ? "this machine" : string.Join(", ", candidate.Targets);
        var escalated = await EscalateAsync($"breaker:{id}", "breakerTripped",
            $"Runbooks: breaker tripped for {Short(_alert.Name)} on {where} ({candidate.Runbook.Name})",
            Body(candidate, "breakerTripped", why!, null), cancellationToken).ConfigureAwait(false);
        var held = candidate.Targets.Count == 0
            ? "no automatic run for this alert until it is reset"
            : $"{where} marked as needing a human until reset";
        return $"{why}; the breaker tripped: no automatic run, {escalated}, {held}";
    }

    /// <summary>
    /// A reset gives a fresh budget: runs before the last reset of this key no longer count — a reset of a breaker of this
    /// key, or a reset named after the key itself. The second matters when an alert's breaker marked a host: resetting the
    /// host closes that alert's breaker, and the host's own count must start again too, or the next firing trips at once.
    /// </summary>
    private async Task<DateTimeOffset> SinceAsync(string scope, string key, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var breakerReset = await LastInstantAsync(
            "SELECT reset_at FROM alert_breakers WHERE scope = @scope AND scope_key = @key AND reset_at IS NOT NULL ORDER BY id DESC LIMIT 1",
            cancellationToken, ("scope", scope), ("key", key)).ConfigureAwait(false);
        var keyReset = await LastInstantAsync("SELECT at FROM alert_resets WHERE scope_key = @key ORDER BY seq DESC LIMIT 1", cancellationToken, ("key", key)).ConfigureAwait(false);
        return new[] { since, breakerReset ?? since, keyReset ?? since }.Max();
    }

    private async Task<DateTimeOffset?> LastInstantAsync(string sql, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var command = Sql.Command(connection, transaction, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? Sql.Instant(reader, 0) : null;
    }

    private async Task<AlertDecision> StartAsync(AlertCandidate candidate, Func<AlertDecisionKind, string, AlertDecision> about, CancellationToken cancellationToken)
    {
        var runbook = candidate.Runbook;
        var request = candidate.Request!;
        var runId = Guid.CreateVersion7(context.Now).ToString("N");
        var record = new RunRecord
        {
            RunId = runId, Runbook = runbook.Name, ContentHash = runbook.ContentHash, RunbookSource = runbook.Source, RunbookPath = runbook.SourcePath,
            Trigger = request.Trigger, Parameters = candidate.Parameters, Targets = candidate.Targets, StartedAt = context.Now, Alert = request.Alert,
        };
        var reason = $"queued on '{context.Queue}' for {_alert.Name} ({_alert.Fingerprint}, startsAt {IncomingAlert.Instant(_alert.StartsAt)})";
        await RunDispatch.QueueAsync(database, connection, transaction, record, context.Queue, context.QueueGrace, null, reason, cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(
            """
            INSERT INTO alert_runs (run_id, runbook, trigger_id, fingerprint, starts_at, created_at, verify_step)
            VALUES (@id, @runbook, @trigger, @fp, @starts, @at, @verify)
            """, cancellationToken, ("id", runId), ("runbook", runbook.Name), ("trigger", candidate.Trigger.Id), ("fp", _alert.Fingerprint),
            ("starts", IncomingAlert.Instant(_alert.StartsAt)), ("at", context.Now), ("verify", candidate.Trigger.Verify)).ConfigureAwait(false);
        foreach (var target in candidate.Targets)
        {
            await ExecuteAsync("INSERT INTO alert_run_targets (run_id, target, created_at) VALUES (@id, @target, @at)",
                cancellationToken, ("id", runId), ("target", target), ("at", context.Now)).ConfigureAwait(false);
        }
        var where = candidate.Targets.Count == 0 ? "this machine" : string.Join(", ", candidate.Targets);
        return about(AlertDecisionKind.Started, $"queued run {runId} on '{context.Queue}' for {where}") with { RunId = runId };
    }

    /// <summary>Cancels the alert's runs that no worker has taken yet; a run already claimed or running is left to finish.</summary>
    private async Task ResolveAsync(CancellationToken cancellationToken)
    {
        var runs = new List<(string Id, string Status)>();
        await using (var select = Sql.Command(connection, transaction,
            $"SELECT r.run_id, r.status FROM alert_runs a JOIN runs r ON r.run_id = a.run_id WHERE a.fingerprint = @fp AND r.status IN ({Active}) ORDER BY a.created_at",
            ("fp", _alert.Fingerprint)))
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                runs.Add((reader.GetString(0), reader.GetString(1)));
            }
        }
        var cancelled = new List<string>();
        var left = new List<string>();
        const string Why = "cancelled: the alert resolved before a worker started the run";
        foreach (var (id, status) in runs)
        {
            // One statement decides: a worker that claims the run sets its owner first, and then it is not cancelled.
            var changed = status == "queued" && await ExecuteAsync(
                "UPDATE runs SET status = 'cancelled', ended_at = @at, error = @why, lease_expires_ms = NULL, wake_at = NULL WHERE run_id = @id AND status = 'queued' AND owner IS NULL",
                cancellationToken, ("at", context.Now), ("why", Why), ("id", id)).ConfigureAwait(false) == 1;
            if (!changed)
            {
                left.Add($"{id} ({(status == "queued" ? "taken by a worker" : status)})");
                continue;
            }
            cancelled.Add(id);
            await SqlRunJournal.EventAsync(connection, transaction, id, context.Now, "run.cancelled", null, null, "cancelled", Why, cancellationToken).ConfigureAwait(false);
            await ExecuteAsync("UPDATE alert_runs SET outcome = 'cancelled', outcome_reason = @why WHERE run_id = @id",
                cancellationToken, ("why", Why), ("id", id)).ConfigureAwait(false);
        }
        var reason = cancelled.Count == 0 && left.Count == 0
            ? "resolved; no run for this alert was queued or running"
            : "resolved" + (cancelled.Count > 0 ? $"; cancelled queued run(s) {string.Join(", ", cancelled)}" : "; no queued run to cancel")
              + (left.Count > 0 ? $"; left to finish: {string.Join(", ", left)}" : "");
        await DecideAsync(new AlertDecision(AlertDecisionKind.Resolved, reason, context.Now) { RunId = cancelled.FirstOrDefault() }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<long> InsertAlertAsync(ReceivedAlert received, CancellationToken cancellationToken)
    {
        var alert = received.Alert;
        return (await ScalarAsync<long?>(
            """
            INSERT INTO alerts (received_at, source, receiver, group_key, fingerprint, status, alertname, starts_at, ends_at, labels, annotations, generator_url, problem)
            VALUES (@at, @source, @receiver, @group, @fp, @status, @name, @starts, @ends, @labels, @annotations, @url, @problem) RETURNING seq
            """, cancellationToken, ("at", context.Now), ("source", alert.Source), ("receiver", alert.Receiver), ("group", context.GroupKey), ("fp", alert.Fingerprint),
            ("status", alert.Status == AlertStatus.Firing ? "firing" : "resolved"), ("name", alert.Name), ("starts", IncomingAlert.Instant(alert.StartsAt)),
            ("ends", alert.EndsAt), ("labels", JsonValues.Write(alert.Labels)), ("annotations", JsonValues.Write(alert.Annotations)),
            ("url", alert.GeneratorUrl), ("problem", received.Problem)).ConfigureAwait(false))!.Value;
    }

    private async Task DecideAsync(AlertDecision decision, CancellationToken cancellationToken)
    {
        _decisions.Add(decision);
        await ExecuteAsync(
            """
            INSERT INTO alert_decisions (alert_seq, at, kind, fingerprint, runbook, trigger_id, run_id, targets, reason)
            VALUES (@alert, @at, @kind, @fp, @runbook, @trigger, @run, @targets, @reason)
            """, cancellationToken, ("alert", _seq), ("at", decision.At), ("kind", decision.KindText), ("fp", _alert.Fingerprint), ("runbook", decision.Runbook),
            ("trigger", decision.TriggerId), ("run", decision.RunId), ("targets", decision.Targets.Count == 0 ? null : JsonValues.Write(decision.Targets)),
            ("reason", decision.Reason)).ConfigureAwait(false);
    }

    /// <summary>One outbox row per channel; returns what the decision says about it.</summary>
    internal static async Task<string> EscalateAsync(DbConnection connection, DbTransaction transaction, AlertRecordContext context, string dedupKey, string kind,
        string subject, IReadOnlyDictionary<string, object?> body, CancellationToken cancellationToken)
    {
        if (context.Channels.Count == 0)
        {
            return "no escalation channel is configured (Runbooks:Alerts:Escalation)";
        }
        foreach (var channel in context.Channels)
        {
            await using var insert = Sql.Command(connection, transaction,
                """
                INSERT INTO alert_escalations (dedup_key, channel, kind, created_at, subject, body, next_attempt_at) VALUES (@key, @channel, @kind, @at, @subject, @body, @at)
                ON CONFLICT (dedup_key, channel) DO NOTHING
                """, ("key", dedupKey), ("channel", channel), ("kind", kind), ("at", context.Now), ("subject", subject), ("body", JsonValues.Write(body)));
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        return $"escalated on {string.Join(", ", context.Channels)}";
    }

    private Task<string> EscalateAsync(string dedupKey, string kind, string subject, IReadOnlyDictionary<string, object?> body, CancellationToken cancellationToken) =>
        EscalateAsync(connection, transaction, context, dedupKey, kind, subject, body, cancellationToken);

    private Dictionary<string, object?> Body(AlertCandidate candidate, string kind, string reason, string? runId) => new(StringComparer.Ordinal)
    {
        ["kind"] = kind, ["runbook"] = candidate.Runbook.Name, ["trigger"] = candidate.Trigger.Id, ["alertname"] = _alert.Name,
        ["fingerprint"] = _alert.Fingerprint, ["startsAt"] = IncomingAlert.Instant(_alert.StartsAt), ["targets"] = candidate.Targets.ToList(),
        ["labels"] = _alert.Labels.ToDictionary(l => l.Key, l => (object?)l.Value, StringComparer.Ordinal), ["reason"] = reason, ["runId"] = runId,
        ["at"] = IncomingAlert.Instant(context.Now),
    };

    private static string MatchReason(AlertCandidate candidate)
    {
        var trigger = candidate.Trigger;
        var severity = trigger.Severity is { } s ? $", severity in [{string.Join(", ", s)}]" : "";
        return $"trigger '{trigger.Id}' of runbook '{candidate.Runbook.Name}' matches ({string.Join(", ", trigger.Match)}{severity})";
    }

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var command = Sql.Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<T?> ScalarAsync<T>(string sql, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var command = Sql.Command(connection, transaction, sql, parameters);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        if (value is null or DBNull)
        {
            return default;
        }
        var type = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        return (T)Convert.ChangeType(value, type, CultureInfo.InvariantCulture);
    }

    private async Task<long> CountAsync(string sql, CancellationToken cancellationToken, params (string, object?)[] parameters) =>
        await ScalarAsync<long?>(sql, cancellationToken, parameters).ConfigureAwait(false) ?? 0;

    internal static (string Names, (string, object?)[] Parameters) InList(string prefix, IReadOnlyList<string> values) =>
        (string.Join(", ", values.Select((_, i) => $"@{prefix}{i}")), [.. values.Select((v, i) => ($"{prefix}{i}", (object?)v))]);

    internal static string Utc(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Short(string value) => value.Length <= 80 ? value : value[..80] + "…";
}
