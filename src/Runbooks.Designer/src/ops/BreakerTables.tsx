import type { AlertBreaker, NeedsHumanMark } from "./types";
import { formatTime } from "../app/format";
import "./ops.css";

export interface ResetTarget {
  key: string;
  /** What is reset, in words: "the breaker of web1 (restart-nginx)". */
  what: string;
}

function State({ open, resetAt, resetBy, resetComment }: { open: boolean; resetAt?: string; resetBy?: string; resetComment?: string }) {
  if (open) return <span className="badge status-failed">open</span>;
  return (
    <>
      <span className="badge status-ok">reset</span>
      <span className="ops-sub">{formatTime(resetAt)} by {resetBy ?? "?"}{resetComment ? `: ${resetComment}` : ""}</span>
    </>
  );
}

/** Breakers: while one is open no automatic run starts for its alert or target. Admins may reset an open one. */
export function BreakersTable({ breakers, canReset, onReset }: { breakers: AlertBreaker[]; canReset: boolean; onReset: (target: ResetTarget) => void }) {
  return (
    <div className="ops-table-wrap">
      <table className="ops-table" data-testid="breakers-table">
        <thead>
          <tr>
            <th>State</th>
            <th>Scope</th>
            <th>Key</th>
            <th>Runbook</th>
            <th>Tripped</th>
            <th>Why (count in window)</th>
            {canReset && <th><span className="sr-only">Actions</span></th>}
          </tr>
        </thead>
        <tbody>
          {breakers.map((b) => (
            <tr key={b.id} className={b.isOpen ? "" : "closed"} data-testid="breaker-row" data-key={b.key} data-open={b.isOpen}>
              <td><State open={b.isOpen} resetAt={b.resetAt} resetBy={b.resetBy} resetComment={b.resetComment} /></td>
              <td>{b.scope}</td>
              <td className="mono">{b.key}</td>
              <td>{b.runbook}</td>
              <td className="nowrap">{formatTime(b.trippedAt)}</td>
              <td className="reason">{b.reason}</td>
              {canReset && (
                <td className="actions">
                  {b.isOpen && (
                    <button type="button" className="danger" data-testid="breaker-reset" data-key={b.key}
                      onClick={() => onReset({ key: b.key, what: `the ${b.scope} breaker ${b.key} (runbook ${b.runbook})` })}>
                      Reset
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {breakers.length === 0 && <div className="ops-empty">No breaker is open: automatic runs go on.</div>}
    </div>
  );
}

/** Targets marked as needing a human: no automatic run touches them until an admin resets them. */
export function NeedsHumanTable({ marks, canReset, onReset }: { marks: NeedsHumanMark[]; canReset: boolean; onReset: (target: ResetTarget) => void }) {
  return (
    <div className="ops-table-wrap">
      <table className="ops-table" data-testid="needs-human-table">
        <thead>
          <tr>
            <th>State</th>
            <th>Target</th>
            <th>Since</th>
            <th>Why</th>
            <th>Breaker</th>
            {canReset && <th><span className="sr-only">Actions</span></th>}
          </tr>
        </thead>
        <tbody>
          {marks.map((m) => (
            <tr key={m.id} className={m.isOpen ? "" : "closed"} data-testid="needs-human-row" data-target={m.target} data-open={m.isOpen}>
              <td><State open={m.isOpen} resetAt={m.resetAt} resetBy={m.resetBy} resetComment={m.resetComment} /></td>
              <td className="mono">{m.target}</td>
              <td className="nowrap">{formatTime(m.since)}</td>
              <td className="reason">{m.reason}</td>
              <td className="mono">{m.breakerId !== undefined ? `#${m.breakerId}` : "—"}</td>
              {canReset && (
                <td className="actions">
                  {m.isOpen && (
                    <button type="button" className="danger" data-testid="needs-human-reset" data-key={m.target}
                      onClick={() => onReset({ key: m.target, what: `the needs-human mark of ${m.target}` })}>
                      Reset
                    </button>
                  )}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {marks.length === 0 && <div className="ops-empty">No target needs a human.</div>}
    </div>
  );
}
