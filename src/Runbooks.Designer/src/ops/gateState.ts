import type { ApprovalGate } from "../api/types";

export type GateState = "approved" | "rejected" | "timedOut" | "waiting";

/**
 * Where an approval gate stands, decided as the engine decides it (EngineActionHost): one rejection rejects, enough
 * approvals approve, past the deadline it timed out, else it waits.
 */
export function gateState(approval: ApprovalGate, nowMs: number): GateState {
  const { gate, decisions } = approval;
  if (decisions.some((d) => !d.approved)) return "rejected";
  if (decisions.filter((d) => d.approved).length >= gate.minApprovals) return "approved";
  return nowMs >= Date.parse(gate.expiresAt) ? "timedOut" : "waiting";
}

/** The status a gate state is coloured as (format.ts statusClass). */
export function gateStatus(state: GateState): string {
  switch (state) {
    case "approved":
      return "succeeded";
    case "rejected":
      return "rejected";
    case "timedOut":
      return "timedOut";
    default:
      return "waiting";
  }
}
