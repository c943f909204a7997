import { useMemo, useState } from "react";
import type { RunbookSummary } from "../api/types";
import { formatTime } from "../app/format";
import { linkProps, navigate } from "../app/router";
import { useSession } from "../app/session";
import { StatusBadge } from "../app/StatusBadge";
import { useApi } from "../app/useApi";
import "./designer.css";

/** The runbooks of the server's workflows/ folder: search, tags, last run status and schedules. */
export function RunbookList() {
  const session = useSession();
  const list = useApi<RunbookSummary[]>("/api/v1/runbooks", 10_000);
  const [query, setQuery] = useState("");
  const [tag, setTag] = useState<string | null>(null);
  const tags = useMemo(() => [...new Set((list.data ?? []).flatMap((r) => r.tags))].sort(), [list.data]);
  const shown = (list.data ?? []).filter((r) => {
    const q = query.trim().toLowerCase();
    if (tag && !r.tags.includes(tag)) return false;
    return !q || r.name.toLowerCase().includes(q) || (r.description ?? "").toLowerCase().includes(q) || r.tags.some((t) => t.toLowerCase().includes(q));
  });

  return (
    <section className="page" data-testid="runbook-list">
      <div className="toolbar">
        <h2>Runbooks</h2>
        <input type="search" placeholder="Search name, description, tag" value={query} onChange={(e) => setQuery(e.target.value)} aria-label="search runbooks" data-testid="runbook-search" />
        <span className="tags">
          {tags.map((t) => (
            <button key={t} type="button" className={`tag${tag === t ? " active" : ""}`} onClick={() => setTag(tag === t ? null : t)} aria-pressed={tag === t}>{t}</button>
          ))}
        </span>
        <span className="spacer" />
        {session.can("operator") && <button type="button" className="primary" onClick={() => navigate("/runbooks/new")} data-testid="new-runbook">New runbook</button>}
      </div>
      {list.error && <p className="error" role="alert">{list.error}</p>}
      <table data-testid="runbooks-table">
        <thead>
          <tr><th>Name</th><th>Description</th><th>Tags</th><th>Schedules</th><th>Last run</th></tr>
        </thead>
        <tbody>
          {shown.map((r) => (
            <tr key={r.name} data-testid="runbook-row" data-name={r.name}>
              <td>
                <a {...linkProps(`/runbooks/${encodeURIComponent(r.name)}`)}>{r.name}</a>
                {!r.valid && <span className="badge status-failed" title={`${r.problems} problem(s)`}> invalid</span>}
                <div className="muted">{r.path}</div>
              </td>
              <td>{r.description}</td>
              <td>{r.tags.map((t) => <span key={t} className="tag">{t}</span>)}</td>
              <td>{r.triggers.filter((t) => t.kind === "schedule").map((t) => <div key={t.id}><code>{t.cron}</code></div>)}{r.triggers.some((t) => t.kind === "alert") && <span className="muted">alert</span>}</td>
              <td>{r.lastRun ? <a {...linkProps(`/runs/${encodeURIComponent(r.lastRun.runId)}`)}><StatusBadge status={r.lastRun.status} /> {formatTime(r.lastRun.startedAt)}</a> : <span className="muted">never</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {list.data && shown.length === 0 && <p className="muted">No runbook matches.</p>}
    </section>
  );
}
