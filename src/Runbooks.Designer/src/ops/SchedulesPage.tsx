import { useState } from "react";
import { api } from "../api/client";
import { formatTime } from "../app/format";
import { linkProps } from "../app/router";
import { useSession } from "../app/session";
import { useApi } from "../app/useApi";
import { ConfirmDialog } from "./ConfirmDialog";
import { errorText } from "../api/client";
import { fireDecision, formatInZone } from "./opsFormat";
import type { PauseAnswer, ScheduleInfo, TriggerAnswer, WindowsAnswer } from "./types";
import { WindowsSection } from "./WindowsSection";
import "./ops.css";

type Pending = { kind: "trigger" | "pause"; schedule: ScheduleInfo };
type Outcome = { ok: true; text: string; runId?: string } | { ok: false; text: string };

function schedulePath(schedule: ScheduleInfo, action: "trigger" | "pause" | "resume"): string {
  return `/api/v1/schedules/${encodeURIComponent(schedule.runbook)}/${encodeURIComponent(schedule.trigger)}/${action}`;
}

function State({ schedule }: { schedule: ScheduleInfo }) {
  if (!schedule.enabled) return <span className="badge status-skipped" title="enabled: false in the runbook: listed, never fired">disabled</span>;
  if (schedule.paused) {
    return (
      <>
        <span className="badge status-waiting">paused</span>
        <span className="ops-sub">by {schedule.paused.pausedBy} at {formatTime(schedule.paused.pausedAt)}: {schedule.paused.reason}</span>
      </>
    );
  }
  return <span className="badge status-ok">active</span>;
}

function NextFires({ schedule }: { schedule: ScheduleInfo }) {
  if (schedule.next.length === 0) return <span className="muted">never again</span>;
  return (
    <ul className="ops-next">
      {schedule.next.map((fire) => {
        const stands = fireDecision(fire.decision);
        return (
          <li key={fire.at} title={`your time: ${formatTime(fire.at)}`}>
            <span className="at">{formatInZone(fire.at, schedule.timeZone)}</span> <span className={`decision${stands === "runs" ? "" : ` ${stands}`}`}>· {fire.decision}</span>
          </li>
        );
      })}
    </ul>
  );
}

/** /schedules: every schedule trigger with its next fire times as the maintenance calendar decides them; operators trigger, pause and resume. */
export function SchedulesPage() {
  const operator = useSession().can("operator");
  const schedules = useApi<ScheduleInfo[]>("/api/v1/schedules?count=3", 10_000);
  const windows = useApi<WindowsAnswer>("/api/v1/windows", 30_000);
  const [pending, setPending] = useState<Pending>();
  const [busy, setBusy] = useState<string>();
  const [outcome, setOutcome] = useState<Outcome>();

  async function trigger(schedule: ScheduleInfo) {
    const answer = await api.post<TriggerAnswer>(schedulePath(schedule, "trigger"));
    setPending(undefined);
    setOutcome({ ok: true, text: `Schedule ${answer.schedule} triggered: run`, runId: answer.runId });
  }

  async function pause(schedule: ScheduleInfo, comment: string) {
    const answer = await api.post<PauseAnswer>(schedulePath(schedule, "pause"), { comment });
    setPending(undefined);
    setOutcome({ ok: true, text: answer.changed ? `Schedule ${answer.id} paused: it fires again once resumed.` : `Schedule ${answer.id} was already paused.` });
    schedules.reload();
  }

  async function resume(schedule: ScheduleInfo) {
    setBusy(schedule.id);
    try {
      const answer = await api.post<PauseAnswer>(schedulePath(schedule, "resume"));
      setOutcome({ ok: true, text: answer.changed ? `Schedule ${answer.id} resumed.` : `Schedule ${answer.id} was not paused.` });
      schedules.reload();
    } catch (failure) {
      setOutcome({ ok: false, text: `Schedule ${schedule.id} could not be resumed: ${errorText(failure)}` });
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <section className="page ops-page" data-testid="schedules-page">
      <h2>Schedules</h2>
      {outcome && (
        <div className={`ops-banner ${outcome.ok ? "ok" : "error"}`} role={outcome.ok ? "status" : "alert"} data-testid="schedule-outcome">
          {outcome.text}
          {outcome.ok && outcome.runId && (
            <> <a {...linkProps(`/runs/${encodeURIComponent(outcome.runId)}`)} className="mono" data-testid="schedule-run-link">{outcome.runId}</a> queued.</>
          )}
          <button type="button" className="link" onClick={() => setOutcome(undefined)}>Dismiss</button>
        </div>
      )}
      {schedules.error && <div className="ops-banner error" role="alert">Could not read the schedules: {schedules.error}</div>}
      {!schedules.data && !schedules.error && <p className="muted">Loading schedules…</p>}
      {schedules.data && (
        <div className="ops-table-wrap">
          <table className="ops-table" data-testid="schedules-table">
            <thead>
              <tr>
                <th>Runbook</th>
                <th>Trigger</th>
                <th>Cron</th>
                <th>Window</th>
                <th>Next fire times (its zone)</th>
                <th>State</th>
                {operator && <th><span className="sr-only">Actions</span></th>}
              </tr>
            </thead>
            <tbody>
              {schedules.data.map((s) => (
                <tr key={s.id} className={s.paused ? "paused" : ""} data-testid="schedule-row" data-schedule-id={s.id} data-paused={s.paused ? "true" : "false"}>
                  <td className="nowrap"><a {...linkProps(`/runbooks/${encodeURIComponent(s.runbook)}`)}>{s.runbook}</a></td>
                  <td className="mono">{s.trigger}</td>
                  <td className="nowrap">
                    <code>{s.cron}</code>
                    <span className="ops-sub">{s.timeZone} · misfire: {s.misfire}</span>
                  </td>
                  <td>
                    {s.window ? <><span className="mono nowrap">{s.window}</span><span className="ops-sub">outside it: {s.outsideWindow}</span></> : <span className="muted">any time</span>}
                  </td>
                  <td><NextFires schedule={s} /></td>
                  <td><State schedule={s} /></td>
                  {operator && (
                    <td className="actions">
                      <button type="button" onClick={() => setPending({ kind: "trigger", schedule: s })} data-testid="schedule-trigger">Trigger now</button>
                      {s.paused ? (
                        <button type="button" onClick={() => resume(s)} disabled={busy === s.id} data-testid="schedule-resume">Resume</button>
                      ) : (
                        <button type="button" onClick={() => setPending({ kind: "pause", schedule: s })} data-testid="schedule-pause">Pause</button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
          {schedules.data.length === 0 && <div className="ops-empty">No runbook has a schedule trigger.</div>}
        </div>
      )}
      <WindowsSection windows={windows} />
      {pending?.kind === "trigger" && (
        <ConfirmDialog
          title={`Trigger ${pending.schedule.id} now`}
          confirmLabel="Start the run"
          comment="none"
          onConfirm={() => trigger(pending.schedule)}
          onClose={() => setPending(undefined)}
        >
          <p>
            Starts a run of <strong>{pending.schedule.runbook}</strong> now, as you, with the schedule's parameters and targets. It does not
            wait for a maintenance window; a freeze in force still refuses it.
          </p>
          {Object.keys(pending.schedule.parameters).length > 0 && <pre>{JSON.stringify(pending.schedule.parameters, null, 2)}</pre>}
        </ConfirmDialog>
      )}
      {pending?.kind === "pause" && (
        <ConfirmDialog
          title={`Pause ${pending.schedule.id}`}
          confirmLabel="Pause"
          comment="required"
          commentLabel="Why (recorded with your name, shown to everyone)"
          onConfirm={(comment) => pause(pending.schedule, comment)}
          onClose={() => setPending(undefined)}
        >
          <p>While paused the schedule does not fire; Trigger now still works.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
