import { useEffect, useMemo, useState } from "react";
import type { ApprovalGate, RunDocument } from "../api/types";
import { formatDuration, formatTime, statusClass } from "../app/format";
import { StatusBadge } from "../app/StatusBadge";
import { gateState, gateStatus } from "../ops/gateState";
import { layoutTimeline, type TimelineBar, type TimelineLayout, type TimelineSkip } from "./timelineLayout";
import "../ops/ops.css";

const rowHeight = 22;

/** Re-renders every `everyMs` while given (a live run's open bars grow), else never. */
function useNow(everyMs: number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (everyMs === null) return;
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

function barDuration(bar: TimelineBar): string {
  const { startedAt } = bar.attempt;
  return formatDuration(startedAt, new Date(Date.parse(startedAt) + bar.durationMs).toISOString()) + (bar.open ? " so far" : "");
}

function barTitle(bar: TimelineBar): string {
  const a = bar.attempt;
  return [
    `${a.stepPath} on ${a.target}`,
    `attempt ${a.attempt} · ${a.status} · ${barDuration(bar)}`,
    a.exitCode !== undefined && a.exitCode !== null ? `exit code ${a.exitCode}` : null,
    a.error ? `error: ${a.error}` : null,
  ]
    .filter(Boolean)
    .join("\n");
}

function skipTitle(mark: TimelineSkip): string {
  return `${mark.skip.stepPath} on ${mark.skip.target}: skipped\n${mark.skip.reason}`;
}

const pct = (fraction: number) => `${(fraction * 100).toFixed(3)}%`;

/**
 * Arrow keys move between the marks of the timeline: left and right along a host's lane, up and down to the nearest
 * mark of the lane above or below. Tab still walks through them all.
 */
function moveFocus(event: React.KeyboardEvent<HTMLDivElement>) {
  const current = event.target as HTMLElement;
  if (!current.dataset.mark) return;
  const lane = current.closest(".tl-lane");
  if (!lane) return;
  const marks = (scope: Element) => Array.from(scope.querySelectorAll<HTMLElement>("[data-mark]")).sort((a, b) => Number(a.dataset.left) - Number(b.dataset.left));
  let next: HTMLElement | undefined;
  if (event.key === "ArrowLeft" || event.key === "ArrowRight") {
    const inLane = marks(lane);
    next = inLane[inLane.indexOf(current) + (event.key === "ArrowRight" ? 1 : -1)];
  } else if (event.key === "ArrowUp" || event.key === "ArrowDown") {
    let other = event.key === "ArrowDown" ? lane.nextElementSibling : lane.previousElementSibling;
    const left = Number(current.dataset.left);
    while (other && other.classList.contains("tl-lane")) {
      const candidates = marks(other);
      if (candidates.length > 0) {
        next = candidates.reduce((best, m) => (Math.abs(Number(m.dataset.left) - left) < Math.abs(Number(best.dataset.left) - left) ? m : best));
        break;
      }
      other = event.key === "ArrowDown" ? other.nextElementSibling : other.previousElementSibling;
    }
  } else {
    return;
  }
  event.preventDefault();
  next?.focus();
}

type Selection = { kind: "bar"; mark: TimelineBar } | { kind: "skip"; mark: TimelineSkip };

function Detail({ selection }: { selection: Selection | undefined }) {
  if (!selection) {
    return <div className="tl-detail muted" aria-live="polite">Point at a bar for its details, or select one (Tab, arrow keys, Enter).</div>;
  }
  if (selection.kind === "skip") {
    const { skip } = selection.mark;
    return (
      <div className="tl-detail" aria-live="polite" data-testid="timeline-detail">
        <dl>
          <dt>Step</dt><dd>{skip.stepPath} on {skip.target}: skipped</dd>
          <dt>Why</dt><dd>{skip.reason}</dd>
          <dt>Decided</dt><dd>{formatTime(skip.at)}</dd>
        </dl>
      </div>
    );
  }
  const bar = selection.mark;
  const a = bar.attempt;
  return (
    <div className="tl-detail" aria-live="polite" data-testid="timeline-detail">
      <dl>
        <dt>Step</dt><dd>{a.stepPath} on {a.target} ({a.action}{a.description ? `: ${a.description}` : ""})</dd>
        <dt>Attempt</dt><dd>{a.attempt} · <StatusBadge status={a.status} />{a.changed ? " · changed" : ""}</dd>
        <dt>Time</dt><dd>{formatTime(a.startedAt)} → {a.endedAt ? formatTime(a.endedAt) : "not ended"} ({barDuration(bar)})</dd>
        {a.exitCode !== undefined && a.exitCode !== null && (<><dt>Exit code</dt><dd>{a.exitCode}</dd></>)}
        {a.error && (<><dt>Error</dt><dd className="error">{a.error}</dd></>)}
      </dl>
    </div>
  );
}

function Axis({ layout }: { layout: TimelineLayout }) {
  return (
    <div className="tl-row tl-axis" aria-hidden="true">
      <div className="tl-label muted">host</div>
      <div className="tl-track">
        {layout.ticks.map((tick, index) => (
          <span key={tick.offsetMs} className={`tl-tick${index === 0 || tick.restart ? " first" : ""}${tick.left > 0.97 ? " last" : ""}`} style={{ left: pct(tick.left) }}>
            {tick.label}
          </span>
        ))}
        {layout.breaks.map((gap) => (
          <span key={gap.fromMs} className="tl-break-label" style={{ left: pct(gap.left), width: pct(gap.width) }}>⋯</span>
        ))}
      </div>
    </div>
  );
}

function Approvals({ approvals, now }: { approvals: ApprovalGate[]; now: number }) {
  if (approvals.length === 0) return null;
  return (
    <section className="tl-approvals" data-testid="timeline-approvals">
      <h4>Approvals</h4>
      {approvals.map((approval) => {
        const { gate, decisions } = approval;
        const state = gateState(approval, now);
        return (
          <div key={gate.stepPath} className="gate" data-testid="timeline-approval" data-step={gate.stepPath} data-state={state}>
            <span className={`badge ${statusClass(gateStatus(state))}`}>{state}</span>{" "}
            <strong>{gate.stepPath}</strong>: {gate.message}
            <span className="ops-sub">
              {decisions.filter((d) => d.approved).length} of {gate.minApprovals} approval{gate.minApprovals === 1 ? "" : "s"} needed
              {gate.approvers.length > 0 ? ` from ${gate.approvers.join(", ")}` : ""} · asked {formatTime(gate.requestedAt)} · until {formatTime(gate.expiresAt)}
            </span>
            {decisions.length > 0 && (
              <ul>
                {decisions.map((d, index) => (
                  <li key={`${d.by}-${d.at}-${index}`} className="decision" data-testid="approval-decision">
                    <span className={d.approved ? "status-ok" : "status-failed"}>{d.approved ? "approved" : "rejected"}</span> by <strong>{d.by}</strong> at {formatTime(d.at)}
                    {d.comment ? <>: “{d.comment}”</> : null}
                  </li>
                ))}
              </ul>
            )}
          </div>
        );
      })}
    </section>
  );
}

/** The run detail's per-host timeline: a lane per target, a bar per step attempt on one time axis, skips as markers, then the approvals. */
export function RunTimeline({ document }: { document: RunDocument }) {
  const probe = !document.run.endedAt && (document.run.status === "running" || document.run.status === "queued");
  const now = useNow(probe ? 1000 : null);
  const layout = useMemo(() => layoutTimeline(document, now), [document, now]);
  const [selectedKey, setSelectedKey] = useState<string>();

  const selection = useMemo<Selection | undefined>(() => {
    for (const lane of layout.lanes) {
      const bar = lane.bars.find((b) => b.key === selectedKey);
      if (bar) return { kind: "bar", mark: bar };
      const skip = lane.skips.find((s) => s.key === selectedKey);
      if (skip) return { kind: "skip", mark: skip };
    }
    return undefined;
  }, [layout, selectedKey]);

  const startedAt = new Date(layout.startMs).toISOString();
  const endedAt = new Date(layout.endMs).toISOString();
  return (
    <div className="timeline" data-testid="run-timeline">
      <div className="tl-header">
        <span>From {formatTime(startedAt)}</span>
        <span>{layout.live ? `running for ${formatDuration(startedAt, endedAt)}` : `span ${formatDuration(startedAt, endedAt)}`}</span>
        <span>{document.attempts.length} attempt{document.attempts.length === 1 ? "" : "s"} on {layout.lanes.length} host{layout.lanes.length === 1 ? "" : "s"}</span>
        {document.skips.length > 0 && <span>{document.skips.length} skipped</span>}
        {layout.breaks.length > 0 && (
          <span data-testid="timeline-breaks">
            shortened: {layout.breaks.map((gap) => gap.label).join(", ")} with nothing running (⋯)
          </span>
        )}
      </div>
      <div className="tl-grid" onKeyDown={moveFocus}>
        <Axis layout={layout} />
        {layout.lanes.length === 0 && <div className="ops-empty">No host has anything recorded yet.</div>}
        {layout.lanes.map((lane) => (
          <div key={lane.target} className="tl-row tl-lane" data-testid="timeline-lane" data-target={lane.target} role="group" aria-label={`host ${lane.target}`}>
            <div className="tl-label" title={lane.target}>{lane.target}</div>
            <div className="tl-track" style={{ height: lane.rows * rowHeight + 4 }}>
              {layout.ticks.map((tick) => (
                <span key={tick.offsetMs} className="tl-gridline" style={{ left: pct(tick.left) }} />
              ))}
              {layout.breaks.map((gap) => (
                <span
                  key={gap.fromMs}
                  className="tl-break"
                  style={{ left: pct(gap.left), width: pct(gap.width) }}
                  title={`${gap.label} with nothing running (shortened): ${formatTime(new Date(gap.fromMs).toISOString())} → ${formatTime(new Date(gap.toMs).toISOString())}`}
                />
              ))}
              {lane.bars.map((bar) => (
                <button
                  key={bar.key}
                  type="button"
                  data-mark="bar"
                  data-left={bar.left}
                  data-testid="timeline-bar"
                  data-step={bar.attempt.stepPath}
                  data-attempt={bar.attempt.attempt}
                  data-status={bar.attempt.status}
                  className={`tl-bar ${statusClass(bar.attempt.status)}${bar.open ? " open" : ""}${bar.key === selectedKey ? " selected" : ""}`}
                  style={{ left: pct(bar.left), width: pct(bar.width), top: bar.row * rowHeight + 2 }}
                  title={barTitle(bar)}
                  aria-label={barTitle(bar).replaceAll("\n", "; ")}
                  onClick={() => setSelectedKey(bar.key)}
                  onFocus={() => setSelectedKey(bar.key)}
                >
                  {bar.attempt.stepId}
                  {bar.attempt.attempt > 1 ? ` #${bar.attempt.attempt}` : ""}
                </button>
              ))}
              {lane.skips.map((mark) => (
                <button
                  key={mark.key}
                  type="button"
                  data-mark="skip"
                  data-left={mark.left}
                  data-testid="timeline-skip"
                  data-step={mark.skip.stepPath}
                  className={`tl-skip${mark.key === selectedKey ? " selected" : ""}`}
                  style={{ left: pct(mark.left) }}
                  title={skipTitle(mark)}
                  aria-label={skipTitle(mark).replace("\n", ": ")}
                  onClick={() => setSelectedKey(mark.key)}
                  onFocus={() => setSelectedKey(mark.key)}
                />
              ))}
            </div>
          </div>
        ))}
      </div>
      <Detail selection={selection} />
      <Approvals approvals={document.approvals} now={now} />
    </div>
  );
}
