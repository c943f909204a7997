import type { AlertDecision, ReceivedAlert, StoredDecision } from "./types";
import { formatTime } from "../app/format";
import { linkProps } from "../app/router";
import { decisionClass, shortId, shortList } from "./opsFormat";
import "./ops.css";

export function DecisionKind({ kind }: { kind: string }) {
  return <span className={`badge ${decisionClass(kind)}`} data-kind={kind}>{kind}</span>;
}

export function RunLink({ runId }: { runId?: string }) {
  if (!runId) return <span className="muted">—</span>;
  return <a {...linkProps(`/runs/${encodeURIComponent(runId)}`)} className="mono" data-testid="decision-run">{runId}</a>;
}

function DecisionLine({ decision }: { decision: AlertDecision }) {
  return (
    <li title={decision.reason}>
      <DecisionKind kind={decision.kind} />
      {decision.runbook && <> {decision.runbook}{decision.triggerId ? `/${decision.triggerId}` : ""}</>}
      {decision.runId && <> → <RunLink runId={decision.runId} /></>}
    </li>
  );
}

/** Received alerts, newest first, each with what was decided about it. */
export function AlertsTable({ alerts }: { alerts: ReceivedAlert[] }) {
  return (
    <div className="ops-table-wrap">
      <table className="ops-table" data-testid="alerts-table">
        <thead>
          <tr>
            <th>#</th>
            <th>Received</th>
            <th>Status</th>
            <th>Alert</th>
            <th>Labels</th>
            <th>Fingerprint</th>
            <th>Decisions</th>
          </tr>
        </thead>
        <tbody>
          {alerts.map(({ seq, receivedAt, alert, problem, decisions }) => {
            const labels = Object.entries(alert.labels).filter(([name]) => name !== "alertname");
            const summary = alert.annotations?.summary ?? alert.annotations?.description;
            return (
              <tr key={seq} data-testid="alert-row" data-seq={seq} data-fingerprint={alert.fingerprint}>
                <td className="mono">{seq}</td>
                <td className="nowrap">{formatTime(receivedAt)}</td>
                <td><span className={`badge ${alert.status === "resolved" ? "status-ok" : "status-failed"}`}>{alert.status}</span></td>
                <td>
                  <strong>{alert.name || alert.labels.alertname || "(no alertname)"}</strong>
                  {summary && <span className="ops-sub">{summary}</span>}
                  <span className="ops-sub">
                    {alert.source}{alert.receiver ? ` · ${alert.receiver}` : ""} · since {formatTime(alert.startsAt)}
                    {alert.endsAt ? ` · ended ${formatTime(alert.endsAt)}` : ""}
                  </span>
                </td>
                <td>
                  <div className="ops-labels">
                    {labels.map(([name, value]) => <span key={name} className="ops-label">{name}={value}</span>)}
                  </div>
                </td>
                <td className="mono" title={alert.fingerprint}>{shortId(alert.fingerprint)}</td>
                <td>
                  {problem && <p className="error" style={{ margin: 0 }}>{problem}</p>}
                  <ul className="ops-decisions">
                    {decisions.map((decision, index) => <DecisionLine key={index} decision={decision} />)}
                  </ul>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {alerts.length === 0 && <div className="ops-empty">No alert received yet.</div>}
    </div>
  );
}

/** Every decision, newest first: its kind, the runbook and trigger it is about, why, and the run when there is one. */
export function DecisionsTable({ decisions }: { decisions: StoredDecision[] }) {
  return (
    <div className="ops-table-wrap">
      <table className="ops-table" data-testid="decisions-table">
        <thead>
          <tr>
            <th>#</th>
            <th>At</th>
            <th>Kind</th>
            <th>Runbook / trigger</th>
            <th>Targets</th>
            <th>Reason</th>
            <th>Run</th>
            <th>Alert</th>
          </tr>
        </thead>
        <tbody>
          {decisions.map(({ seq, alertSeq, fingerprint, decision }) => (
            <tr key={seq} data-testid="decision-row" data-kind={decision.kind}>
              <td className="mono">{seq}</td>
              <td className="nowrap">{formatTime(decision.at)}</td>
              <td><DecisionKind kind={decision.kind} /></td>
              <td>{decision.runbook ? `${decision.runbook}${decision.triggerId ? ` / ${decision.triggerId}` : ""}` : <span className="muted">—</span>}</td>
              <td title={decision.targets.join(", ")}>{shortList(decision.targets)}</td>
              <td className="reason">{decision.reason}</td>
              <td className="nowrap"><RunLink runId={decision.runId} /></td>
              <td className="mono nowrap" title={fingerprint}>#{alertSeq} {shortId(fingerprint, 8)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {decisions.length === 0 && <div className="ops-empty">No decision of this kind.</div>}
    </div>
  );
}
