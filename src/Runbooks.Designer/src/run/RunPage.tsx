import { useEffect, useMemo, useRef, useState } from "react";
import { ReactFlowProvider } from "@xyflow/react";
import { api, errorText } from "../api/client";
import { followRun } from "../api/sse";
import type { RunbookDetail, RunDocument, RunEvent } from "../api/types";
import { formatDuration, formatTime } from "../app/format";
import { linkProps } from "../app/router";
import { useSession } from "../app/session";
import { StatusBadge } from "../app/StatusBadge";
import { Canvas } from "../designer/Canvas";
import { parseRunbookYaml } from "../model/yamlText";
import { RunTimeline } from "./RunTimeline";
import { runLog } from "./runLog";
import { nodeStates, stepIdOf } from "./runState";
import "../designer/designer.css";

const finalStatuses = new Set(["succeeded", "failed", "cancelled"]);

/**
 * /runs/<id>: the runbook's graph as the live run view (node colours per status, hosts done, durations), the events
 * streaming over SSE, the selected step's output per host, cancel, approval gates, and the per-host timeline.
 */
export function RunPage({ runId }: { runId: string }) {
  const session = useSession();
  const [document, setDocument] = useState<RunDocument | null>(null);
  const [runbook, setRunbook] = useState<RunbookDetail | null>(null);
  const [events, setEvents] = useState<RunEvent[]>([]);
  const [error, setError] = useState<string>();
  // A failed action or reload while the run is shown is a message above it, not the end of the view.
  const [actionError, setActionError] = useState<string>();
  const [selected, setSelected] = useState<string | null>(null);
  const [streamNote, setStreamNote] = useState<string>();
  const [comment, setComment] = useState("");
  const [busy, setBusy] = useState(false);
  const [, setTick] = useState(0);
  const pending = useRef<number | null>(null);
  const shown = useRef(false);

  const load = useMemo(
    () => async () => {
      try {
        const read = await api.get<RunDocument>(`/api/v1/runs/${encodeURIComponent(runId)}`);
        shown.current = true;
        setDocument(read);
        setActionError(undefined);
      } catch (failure) {
        const message = errorText(failure);
        if (shown.current) setActionError(`The run could not be read again: ${message}`);
        else setError(message);
      }
    },
    [runId],
  );

  // Events arrive in bursts; the record is read again at most every 300 ms.
  const reloadSoon = useMemo(
    () => () => {
      if (pending.current !== null) return;
      pending.current = window.setTimeout(() => {
        pending.current = null;
        void load();
      }, 300);
    },
    [load],
  );

  useEffect(() => {
    void load();
    const controller = new AbortController();
    void followRun(
      api,
      runId,
      {
        onEvent: (event) => {
          setEvents((list) => (list.some((e) => e.sequence === event.sequence) ? list : [...list, event]));
          reloadSoon();
        },
        onEnd: () => {
          setStreamNote(undefined);
          void load();
        },
        onError: (message) => setStreamNote(`event stream: ${message}`),
      },
      controller.signal,
    );
    const clock = setInterval(() => setTick((t) => t + 1), 1000);
    return () => {
      controller.abort();
      clearInterval(clock);
      if (pending.current !== null) clearTimeout(pending.current);
    };
  }, [runId, load, reloadSoon]);

  const runbookName = document?.run.runbook;
  useEffect(() => {
    if (!runbookName) return;
    api.get<RunbookDetail>(`/api/v1/runbooks/${encodeURIComponent(runbookName)}`).then(setRunbook, () => setRunbook(null));
  }, [runbookName]);

  const doc = useMemo(() => (runbook ? parseRunbookYaml(runbook.yaml).doc : null), [runbook]);
  const states = useMemo(() => (document ? nodeStates(document) : new Map()), [document]);

  if (error) return <section className="page"><p className="error" role="alert">{error}</p></section>;
  if (!document) return <section className="page">Loading…</section>;
  const run = document.run;
  const ended = finalStatuses.has(run.status);
  const openGates = run.status === "suspended" ? document.approvals.filter((g) => !g.decisions.some((d) => !d.approved) && g.decisions.filter((d) => d.approved).length < g.gate.minApprovals) : [];
  const attempts = selected ? document.attempts.filter((a) => stepIdOf(a.stepPath) === selected) : [];

  const act = async (path: string, body: object) => {
    setBusy(true);
    try {
      await api.post(`/api/v1/runs/${encodeURIComponent(runId)}/${path}`, body);
      setComment("");
      await load();
    } catch (failure) {
      setActionError(errorText(failure));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="run-page" data-testid="run-page" data-run-status={run.status}>
      <div className="designer-toolbar">
        <strong>
          <a {...linkProps(`/runbooks/${encodeURIComponent(run.runbook)}`)}>{run.runbook}</a> · run <code>{run.runId}</code>
        </strong>
        <span data-testid="run-status"><StatusBadge status={run.status} /></span>
        {run.dryRun && <span className="badge status-skipped">plan only</span>}
        <span className="muted">{run.trigger} · started {formatTime(run.startedAt)} · {formatDuration(run.startedAt, run.endedAt)}</span>
        <span className="spacer" />
        {!ended && session.can("operator") && <button type="button" className="danger" disabled={busy} onClick={() => void act("cancel", {})} data-testid="cancel-run">Cancel run</button>}
      </div>
      {run.statusReason && <div className="designer-message">{run.statusReason}</div>}
      {run.error && <div className="designer-message error">{run.error}</div>}
      {streamNote && <div className="designer-message">{streamNote}</div>}
      {actionError && <div className="designer-message error" role="alert" data-testid="run-action-error">{actionError}</div>}
      {runbook && runbook.contentHash !== run.contentHash && (
        <div className="designer-message">The runbook changed since this run started; the graph shows the current file, the record below shows what ran.</div>
      )}
      {openGates.map((gate) => (
        <div key={gate.gate.stepPath} className="gate" data-testid="approval-gate" data-step={gate.gate.stepPath}>
          <strong>Approval needed at {gate.gate.stepPath}:</strong> {gate.gate.message}
          <span className="muted"> · approvers {gate.gate.approvers.join(", ")} · {gate.decisions.filter((d) => d.approved).length}/{gate.gate.minApprovals} · expires {formatTime(gate.gate.expiresAt)}</span>
          {session.can("approver") ? (
            <span className="gate-actions">
              <input type="text" placeholder="comment (recorded)" value={comment} onChange={(e) => setComment(e.target.value)} aria-label="approval comment" data-testid="approval-comment" />
              <button type="button" className="primary" disabled={busy || comment.trim() === ""} onClick={() => void act("approve", { comment, step: gate.gate.stepPath })} data-testid="approve">Approve</button>
              <button type="button" className="danger" disabled={busy || comment.trim() === ""} onClick={() => void act("reject", { comment, step: gate.gate.stepPath })} data-testid="reject">Reject</button>
            </span>
          ) : (
            <span className="muted"> (an approver decides)</span>
          )}
        </div>
      ))}
      <div className="run-body">
        <div className="run-graph">
          {doc ? (
            <ReactFlowProvider>
              <Canvas doc={doc} selected={selected} onSelect={setSelected} run={states} />
            </ReactFlowProvider>
          ) : (
            <p className="muted panel-body">The runbook file is not available; the record is below.</p>
          )}
        </div>
        <aside className="side run-side">
          <h4>{selected ? `Step ${selected}` : "Log"}</h4>
          {selected ? (
            <div className="attempts" data-testid="step-attempts">
              {attempts.length === 0 && <p className="muted">No attempt of this step yet.</p>}
              {attempts.map((a) => (
                <div key={`${a.stepPath}-${a.target}-${a.attempt}`} className="attempt">
                  <div>
                    <StatusBadge status={a.status} /> <strong>{a.target}</strong> <code className="muted">{a.stepPath}</code> attempt {a.attempt} · {formatDuration(a.startedAt, a.endedAt)}
                    {a.exitCode !== null && a.exitCode !== undefined && <span className="muted"> · exit {a.exitCode}</span>}
                  </div>
                  {a.description && <pre className="plan-command">{a.description}</pre>}
                  {a.error && <p className="error">{a.error}</p>}
                  {a.stdout && <pre className="output">{a.stdout}</pre>}
                  {a.stderr && <pre className="output stderr">{a.stderr}</pre>}
                </div>
              ))}
              <button type="button" className="link" onClick={() => setSelected(null)}>back to events</button>
            </div>
          ) : (
            <ol className="event-log" data-testid="event-log" aria-live="polite">
              {runLog(document, events).map((line) => (
                <li key={line.key}>
                  <span className="muted">{new Date(line.at).toLocaleTimeString(undefined, { hour12: false })}</span> {line.text}
                  {line.status && <> <StatusBadge status={line.status} /></>}
                  {line.detail && <span className="muted"> {line.detail}</span>}
                </li>
              ))}
            </ol>
          )}
        </aside>
      </div>
      <section className="run-detail">
        <h4>Per-host timeline</h4>
        <RunTimeline document={document} />
        {Object.keys(run.outputs ?? {}).length > 0 && (
          <>
            <h4>Outputs</h4>
            <pre className="output">{JSON.stringify(run.outputs, null, 2)}</pre>
          </>
        )}
      </section>
    </div>
  );
}
