import type { RunDocument } from "../api/types";
import { formatDuration } from "../app/format";
import type { NodeRunState } from "../designer/nodeState";

/** The step id a journal step path ends with: `collect/load` → load, `files[2]/check` → check, `restart/onFailure/page` → page. */
export function stepIdOf(path: string): string {
  const last = path.split("/").filter((part) => part.length > 0).pop() ?? path;
  return last.replace(/\[\d+\]$/, "");
}

const rank: Record<string, number> = { running: 7, pending: 6, waiting: 6, failed: 5, timedOut: 5, inDoubt: 5, interrupted: 5, unknown: 4, cancelled: 3, succeeded: 2, planned: 1, skipped: 0 };
const final = new Set(["succeeded", "failed", "timedOut", "skipped", "cancelled", "inDoubt", "interrupted", "unknown", "planned"]);

/**
 * Each node's live state from the run's journal record: per host the most telling status of its attempts (a running
 * attempt wins, then a failure, then success; an iteration of a forEach counts toward its step), a pending approval
 * gate as waiting, and the time from the first start to the last end.
 */
export function nodeStates(document: RunDocument, now = Date.now()): Map<string, NodeRunState> {
  const hostsOfRun = document.run.targets.length > 0 ? document.run.targets : ["local"];
  const perStep = new Map<string, { hosts: Record<string, string>; first?: string; last?: string; open: boolean }>();
  const entry = (id: string) => {
    let value = perStep.get(id);
    if (!value) perStep.set(id, (value = { hosts: {}, open: false }));
    return value;
  };
  // First the latest attempt of each step path on each host (a retry that succeeded replaces the failure before it),
  // then all paths of one step id merged by rank: the iterations of a forEach, where one failure makes it fail.
  const latest = new Map<string, (typeof document.attempts)[number]>();
  for (const attempt of document.attempts) {
    const key = `${attempt.stepPath}\u0000${attempt.target}`;
    const seen = latest.get(key);
    if (!seen || attempt.attempt >= seen.attempt) latest.set(key, attempt);
  }
  for (const attempt of document.attempts) {
    const e = entry(stepIdOf(attempt.stepPath));
    if (!e.first || attempt.startedAt < e.first) e.first = attempt.startedAt;
    if (attempt.endedAt && (!e.last || attempt.endedAt > e.last)) e.last = attempt.endedAt;
  }
  for (const attempt of latest.values()) {
    const e = entry(stepIdOf(attempt.stepPath));
    if (!attempt.endedAt) e.open = true;
    const current = e.hosts[attempt.target];
    if (current === undefined || (rank[attempt.status] ?? 0) > (rank[current] ?? 0)) e.hosts[attempt.target] = attempt.status;
  }
  for (const skip of document.skips) {
    const e = entry(stepIdOf(skip.stepPath));
    if (e.hosts[skip.target] === undefined) e.hosts[skip.target] = "skipped";
  }
  if (document.run.status === "suspended") {
    for (const gate of document.approvals) {
      const approvals = gate.decisions.filter((d) => d.approved).length;
      const rejected = gate.decisions.some((d) => !d.approved);
      if (!rejected && approvals < gate.gate.minApprovals) {
        const e = entry(stepIdOf(gate.gate.stepPath));
        for (const host of Object.keys(e.hosts).length > 0 ? Object.keys(e.hosts) : hostsOfRun) e.hosts[host] = "waiting";
      }
    }
  }
  const result = new Map<string, NodeRunState>();
  for (const [id, e] of perStep) {
    const statuses = Object.values(e.hosts);
    const top = statuses.reduce((best, s) => ((rank[s] ?? 0) > (rank[best] ?? -1) ? s : best), statuses[0] ?? "pending");
    const done = statuses.filter((s) => final.has(s)).length;
    const allSkipped = statuses.length > 0 && statuses.every((s) => s === "skipped");
    const status = allSkipped ? "skipped" : top === "skipped" ? "succeeded" : top;
    result.set(id, {
      status,
      done,
      total: Math.max(hostsOfRun.length, statuses.length),
      duration: e.first ? formatDuration(e.first, e.open ? new Date(now).toISOString() : e.last) : undefined,
      hosts: e.hosts,
    });
  }
  return result;
}
