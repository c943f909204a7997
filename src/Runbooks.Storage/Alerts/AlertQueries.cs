using System.Data.Common;
using Runbooks.Core;
using Runbooks.Core.Alerts;

namespace Runbooks.Storage.Alerts;

/// <summary>What the API and the metrics read: received alerts with their decisions, decisions, breakers, needs-human marks, counters.</summary>
public sealed class AlertQueries
{
    internal const string BreakerColumns = "id, scope, scope_key, runbook, tripped_at, reason, reset_at, reset_by, reset_comment";
    internal const string MarkColumns = "id, target, since, reason, breaker_id, reset_at, reset_by, reset_comment";
    private const string DecisionColumns = "seq, alert_seq, fingerprint, at, kind, runbook, trigger_id, run_id, targets, reason";

    private readonly JournalDatabase _database;

    internal AlertQueries(JournalDatabase database) => _database = database;

    /// <summary>Received alerts, newest first, each with its decisions.</summary>
    public async Task<IReadOnlyList<StoredAlert>> ListAlertsAsync(AlertQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (where, parameters) = Filter(
            (query.Fingerprint, "fingerprint = @fp", "fp"), (query.Since, "received_at >= @since", "since"), (query.Before, "seq < @before", "before"));
        return await InConnectionAsync(async connection =>
        {
            var alerts = await ReadAsync(connection, null,
                $"SELECT seq, received_at, source, receiver, fingerprint, status, starts_at, ends_at, labels, annotations, generator_url, problem FROM alerts{where} ORDER BY seq DESC LIMIT @limit",
                [.. parameters, ("limit", Math.Clamp(query.Limit, 1, 1000))], ReadAlert, cancellationToken).ConfigureAwait(false);
            if (alerts.Count == 0)
            {
                return (IReadOnlyList<StoredAlert>)[];
            }
            var decisions = await ReadAsync(connection, null,
                $"SELECT {DecisionColumns} FROM alert_decisions WHERE alert_seq >= @low AND alert_seq <= @high ORDER BY seq",
                [("low", alerts[^1].Seq), ("high", alerts[0].Seq)], ReadDecision, cancellationToken).ConfigureAwait(false);
            var bySeq = decisions.ToLookup(d => d.AlertSeq);
            return [.. alerts.Select(a => a with { Decisions = [.. bySeq[a.Seq].Select(d => d.Decision)] })];
        }, "list alerts", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One received alert with its decisions, or null.</summary>
    public async Task<StoredAlert?> GetAlertAsync(long seq, CancellationToken cancellationToken)
    {
        var alerts = await ListAlertsAsync(new AlertQuery { Before = seq + 1, Limit = 1 }, cancellationToken).ConfigureAwait(false);
        return alerts.Count == 1 && alerts[0].Seq == seq ? alerts[0] : null;
    }

    /// <summary>Decisions, newest first.</summary>
    public Task<IReadOnlyList<StoredDecision>> ListDecisionsAsync(AlertDecisionQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var (where, parameters) = Filter(
            (query.Kind is { } kind ? AlertDecisionKinds.Text(kind) : null, "kind = @kind", "kind"), (query.Runbook, "runbook = @runbook", "runbook"),
            (query.Fingerprint, "fingerprint = @fp", "fp"), (query.RunId, "run_id = @run", "run"), (query.Since, "at >= @since", "since"));
        return InConnectionAsync(connection => ReadAsync(connection, null,
            $"SELECT {DecisionColumns} FROM alert_decisions{where} ORDER BY seq DESC LIMIT @limit",
            [.. parameters, ("limit", Math.Clamp(query.Limit, 1, 1000))], ReadDecision, cancellationToken), "list alert decisions", cancellationToken);
    }

    /// <summary>Breakers, newest first; only the open ones unless <paramref name="includeReset"/>.</summary>
    public Task<IReadOnlyList<AlertBreaker>> ListBreakersAsync(bool includeReset, CancellationToken cancellationToken) =>
        InConnectionAsync(connection => ReadAsync(connection, null,
            $"SELECT {BreakerColumns} FROM alert_breakers{(includeReset ? "" : " WHERE reset_at IS NULL")} ORDER BY id DESC LIMIT 1000", [], ReadBreaker, cancellationToken),
            "list breakers", cancellationToken);

    /// <summary>Needs-human marks, newest first; only the open ones unless <paramref name="includeReset"/>.</summary>
    public Task<IReadOnlyList<NeedsHumanMark>> ListNeedsHumanAsync(bool includeReset, CancellationToken cancellationToken) =>
        InConnectionAsync(connection => ReadAsync(connection, null,
            $"SELECT {MarkColumns} FROM alert_needs_human{(includeReset ? "" : " WHERE reset_at IS NULL")} ORDER BY id DESC LIMIT 1000", [], ReadMark, cancellationToken),
            "list needs-human marks", cancellationToken);

    /// <summary>Decisions per kind (every kind present, zero when none), since <paramref name="since"/> or ever: for metrics.</summary>
    public Task<IReadOnlyDictionary<AlertDecisionKind, long>> CountDecisionsAsync(DateTimeOffset? since, CancellationToken cancellationToken) =>
        InConnectionAsync(async connection =>
        {
            var counts = AlertDecisionKinds.All.ToDictionary(k => k, _ => 0L);
            var rows = await ReadAsync(connection, null,
                $"SELECT kind, COUNT(*) FROM alert_decisions{(since is null ? "" : " WHERE at >= @since")} GROUP BY kind",
                since is null ? [] : [("since", since)], r => (r.GetString(0), r.GetInt64(1)), cancellationToken).ConfigureAwait(false);
            foreach (var (kind, count) in rows)
            {
                if (AlertDecisionKinds.Parse(kind) is { } known)
                {
                    counts[known] = count;
                }
            }
            return (IReadOnlyDictionary<AlertDecisionKind, long>)counts;
        }, "count alert decisions", cancellationToken);

    /// <summary>Alerts received, since <paramref name="since"/> or ever: for metrics.</summary>
    public Task<long> CountAlertsAsync(DateTimeOffset? since, CancellationToken cancellationToken) =>
        InConnectionAsync(async connection => (await ReadAsync(connection, null,
            $"SELECT COUNT(*) FROM alerts{(since is null ? "" : " WHERE received_at >= @since")}", since is null ? [] : [("since", since)], r => r.GetInt64(0), cancellationToken)
            .ConfigureAwait(false))[0], "count alerts", cancellationToken);

    /// <summary>The alert-triggered run ids of a fingerprint, oldest first (what resolves cancel, what the breaker counts).</summary>
    public Task<IReadOnlyList<string>> ListRunIdsAsync(string fingerprint, CancellationToken cancellationToken) =>
        InConnectionAsync(connection => ReadAsync(connection, null, "SELECT run_id FROM alert_runs WHERE fingerprint = @fp ORDER BY created_at, run_id",
            [("fp", fingerprint)], r => r.GetString(0), cancellationToken), "list alert runs", cancellationToken);

    internal static async Task<IReadOnlyList<T>> ReadAsync<T>(DbConnection connection, DbTransaction? transaction, string sql, (string, object?)[] parameters,
        Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var command = Sql.Command(connection, transaction, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(read(reader));
        }
        return rows;
    }

    internal static AlertBreaker ReadBreaker(DbDataReader r) => new()
    {
        Id = r.GetInt64(0), Scope = r.GetString(1), Key = r.GetString(2), Runbook = r.GetString(3), TrippedAt = Sql.Instant(r, 4), Reason = r.GetString(5),
        ResetAt = Sql.NullableInstant(r, 6), ResetBy = Sql.NullableString(r, 7), ResetComment = Sql.NullableString(r, 8),
    };

    internal static NeedsHumanMark ReadMark(DbDataReader r) => new()
    {
        Id = r.GetInt64(0), Target = r.GetString(1), Since = Sql.Instant(r, 2), Reason = r.GetString(3), BreakerId = r.IsDBNull(4) ? null : r.GetInt64(4),
        ResetAt = Sql.NullableInstant(r, 5), ResetBy = Sql.NullableString(r, 6), ResetComment = Sql.NullableString(r, 7),
    };

    private static StoredDecision ReadDecision(DbDataReader r) => new(r.GetInt64(0), r.GetInt64(1), r.GetString(2),
        new AlertDecision(AlertDecisionKinds.Parse(r.GetString(4)) ?? AlertDecisionKind.Rejected, r.GetString(9), Sql.Instant(r, 3))
        {
            Runbook = Sql.NullableString(r, 5), TriggerId = Sql.NullableString(r, 6), RunId = Sql.NullableString(r, 7),
            Targets = r.IsDBNull(8) ? [] : [.. (JsonValues.Read(r.GetString(8)) as IEnumerable<object?> ?? []).Select(t => t?.ToString() ?? "")],
        });

    private static StoredAlert ReadAlert(DbDataReader r) => new()
    {
        Seq = r.GetInt64(0), ReceivedAt = Sql.Instant(r, 1), Problem = Sql.NullableString(r, 11), Decisions = [],
        Alert = new IncomingAlert
        {
            Source = r.GetString(2), Receiver = Sql.NullableString(r, 3), Fingerprint = r.GetString(4),
            Status = r.GetString(5) == "resolved" ? AlertStatus.Resolved : AlertStatus.Firing,
            StartsAt = DateTimeOffset.Parse(r.GetString(6), System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal),
            EndsAt = Sql.NullableInstant(r, 7), Labels = Strings(r.GetString(8)), Annotations = Strings(r.GetString(9)), GeneratorUrl = Sql.NullableString(r, 10),
        },
    };

    private static SortedDictionary<string, string> Strings(string json) =>
        new(JsonValues.ReadMap(json).ToDictionary(e => e.Key, e => e.Value?.ToString() ?? "", StringComparer.Ordinal), StringComparer.Ordinal);

    private static (string Where, (string, object?)[] Parameters) Filter(params (object? Value, string Condition, string Name)[] filters)
    {
        var used = filters.Where(f => f.Value is not null).ToList();
        return (used.Count == 0 ? "" : " WHERE " + string.Join(" AND ", used.Select(f => f.Condition)), [.. used.Select(f => (f.Name, f.Value))]);
    }

    private async Task<T> InConnectionAsync<T>(Func<DbConnection, Task<T>> read, string what, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
            return await read(connection).ConfigureAwait(false);
        }
        catch (Exception ex) when (_database.IsDatabaseError(ex))
        {
            throw new RunbooksException($"cannot {what} from the {_database.Provider} journal at {_database.Location}: {ex.Message}", ex);
        }
    }
}
