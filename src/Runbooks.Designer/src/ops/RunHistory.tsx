import { useEffect, useMemo, useState } from "react";
import type { RunbookSummary, StoredRun } from "../api/types";
import { formatDuration, formatTime } from "../app/format";
import { linkProps, navigate } from "../app/router";
import { StatusBadge } from "../app/StatusBadge";
import { useApi } from "../app/useApi";
import { shortList } from "./opsFormat";
import { filtersFrom, historyUrl, runLimits, runStatuses, runsApiPath, type RunFilters } from "./runFilters";
import "./ops.css";

/** Runs that may still end: their duration runs to now. Others without an end (a worker died) show none. */
const goingOn = new Set(["queued", "running", "suspended", "inDoubt"]);

function RunRow({ run }: { run: StoredRun }) {
  const why = run.error ?? run.statusReason ?? undefined;
  return (
    <tr data-testid="run-row" data-run-id={run.runId} data-status={run.status}>
      <td className="nowrap" title={why}>
        <StatusBadge status={run.status} />
        {run.dryRun && <span className="tag" style={{ marginLeft: 4 }}>dry-run</span>}
      </td>
      <td><a {...linkProps(`/runbooks/${encodeURIComponent(run.runbook)}`)}>{run.runbook}</a></td>
      <td className="mono nowrap"><a {...linkProps(`/runs/${encodeURIComponent(run.runId)}`)} data-testid="run-link">{run.runId}</a></td>
      <td className="mono">{run.trigger}</td>
      <td title={run.targets.join(", ")}>{shortList(run.targets)}</td>
      <td className="nowrap">{formatTime(run.startedAt)}</td>
      <td className="nowrap">{run.endedAt || goingOn.has(run.status) ? formatDuration(run.startedAt, run.endedAt) : "—"}</td>
    </tr>
  );
}

/** /runs: the journal's runs, newest first, filtered by runbook, status and trigger (kept in the URL), refreshed every 3 s. */
export function RunHistory({ query }: { query: URLSearchParams }) {
  const filters = useMemo(() => filtersFrom(query), [query]);
  const runs = useApi<StoredRun[]>(runsApiPath(filters), 3000);
  const runbooks = useApi<RunbookSummary[]>("/api/v1/runbooks");
  // The trigger box is typed into: the URL (and the query) follow once typing pauses.
  const [trigger, setTrigger] = useState(filters.trigger);
  useEffect(() => setTrigger(filters.trigger), [filters.trigger]);
  useEffect(() => {
    if (trigger === filters.trigger) return;
    const timer = setTimeout(() => navigate(historyUrl({ ...filters, trigger }), true), 350);
    return () => clearTimeout(timer);
  }, [trigger, filters]);

  const change = (patch: Partial<RunFilters>) => navigate(historyUrl({ ...filters, trigger, ...patch }), true);

  const names = useMemo(() => {
    const all = (runbooks.data ?? []).map((r) => r.name);
    // A runbook in the URL that is no longer in the folder (deleted, renamed) still has runs to show.
    if (filters.runbook && !all.includes(filters.runbook)) all.push(filters.runbook);
    return all.sort((a, b) => a.localeCompare(b));
  }, [runbooks.data, filters.runbook]);

  const filtered = filters.runbook !== "" || filters.status !== "" || filters.trigger !== "";
  return (
    <section className="page ops-page" data-testid="run-history">
      <h2>Runs</h2>
      <form className="ops-filters" role="search" onSubmit={(event) => { event.preventDefault(); change({ trigger }); }}>
        <label>
          Runbook
          <select value={filters.runbook} onChange={(e) => change({ runbook: e.target.value })} data-testid="filter-runbook">
            <option value="">any runbook</option>
            {names.map((name) => <option key={name} value={name}>{name}</option>)}
          </select>
        </label>
        <label>
          Status
          <select value={filters.status} onChange={(e) => change({ status: e.target.value })} data-testid="filter-status">
            <option value="">any status</option>
            {runStatuses.map((status) => <option key={status} value={status}>{status}</option>)}
          </select>
        </label>
        <label>
          Trigger
          <input
            type="search"
            value={trigger}
            onChange={(e) => setTrigger(e.target.value)}
            placeholder="alert, schedule, api:alice …"
            title="A kind of trigger (alert matches alert:NginxDown) or an exact trigger"
            data-testid="filter-trigger"
          />
        </label>
        <label>
          Show
          <select value={filters.limit} onChange={(e) => change({ limit: Number(e.target.value) })} data-testid="filter-limit">
            {runLimits.map((limit) => <option key={limit} value={limit}>{limit} newest</option>)}
          </select>
        </label>
        {filtered && (
          <button type="button" onClick={() => { setTrigger(""); navigate(historyUrl({ runbook: "", status: "", trigger: "", limit: filters.limit }), true); }} data-testid="filter-clear">
            Clear filters
          </button>
        )}
        <span className="ops-status-line" aria-live="polite">
          {runs.data ? `${runs.data.length} run${runs.data.length === 1 ? "" : "s"}${runs.data.length === filters.limit ? " (the newest; show more to see older ones)" : ""} · refreshed every 3 s` : ""}
        </span>
      </form>
      {runs.error && <div className="ops-banner error" role="alert" data-testid="runs-error">Runs could not be listed: {runs.error}</div>}
      {runbooks.error && <div className="ops-banner error" role="alert">The runbook list could not be read: {runbooks.error}</div>}
      {!runs.data && !runs.error && <p className="muted">Loading runs…</p>}
      {runs.data && (
        <div className="ops-table-wrap">
          <table className="ops-table" data-testid="runs-table">
            <thead>
              <tr>
                <th>Status</th>
                <th>Runbook</th>
                <th>Run</th>
                <th>Trigger</th>
                <th>Targets</th>
                <th>Started</th>
                <th>Duration</th>
              </tr>
            </thead>
            <tbody>
              {runs.data.map((run) => <RunRow key={run.runId} run={run} />)}
            </tbody>
          </table>
          {runs.data.length === 0 && <div className="ops-empty">{filtered ? "No run matches these filters." : "No run yet."}</div>}
        </div>
      )}
    </section>
  );
}
