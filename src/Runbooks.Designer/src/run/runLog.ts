import type { RunDocument, RunEvent } from "../api/types";

export interface LogLine {
  key: string;
  at: string;
  text: string;
  status?: string | null;
  detail?: string | null;
}

/**
 * The run's log as one time-ordered list: the journal's run events (as streamed over SSE) and each step attempt's
 * start and end per host from the record, with the end's error or exit code.
 */
export function runLog(document: RunDocument, streamed: RunEvent[]): LogLine[] {
  const events = streamed.length > 0 ? streamed : document.events;
  const lines: LogLine[] = events.map((e) => ({
    key: `e${e.sequence}`,
    at: e.at,
    text: `${e.kind}${e.stepPath ? ` ${e.stepPath}` : ""}${e.target ? ` on ${e.target}` : ""}`,
    status: e.status,
    detail: e.reason,
  }));
  for (const a of document.attempts) {
    const name = `${a.stepPath} on ${a.target}${a.attempt > 1 ? ` (attempt ${a.attempt})` : ""}`;
    lines.push({ key: `s${a.stepPath}/${a.target}/${a.attempt}`, at: a.startedAt, text: `step started ${name}`, status: "running", detail: a.description });
    if (a.endedAt) {
      lines.push({
        key: `f${a.stepPath}/${a.target}/${a.attempt}`,
        at: a.endedAt,
        text: `step ended ${name}`,
        status: a.status,
        detail: a.error ?? (a.exitCode !== null && a.exitCode !== undefined ? `exit code ${a.exitCode}` : null),
      });
    }
  }
  for (const skip of document.skips) lines.push({ key: `k${skip.stepPath}/${skip.target}`, at: skip.at, text: `step skipped ${skip.stepPath} on ${skip.target}`, status: "skipped", detail: skip.reason });
  // Timestamps are compared as instants: the server writes fractions of a second only when there are any.
  return lines.sort((x, y) => Date.parse(x.at) - Date.parse(y.at));
}
