import type { PinnedProblem } from "../model/problems";

/** What the live run view paints on a node: the step's status over all hosts, progress and time. */
export interface NodeRunState {
  status: string;
  /** Hosts that finished the step (any final status) and hosts the run has. */
  done: number;
  total: number;
  duration?: string;
  /** Per host: its status for the step. */
  hosts: Record<string, string>;
}

/** Extra data the canvas passes every node, beside the model's own. */
export interface NodeDecorations {
  problems?: PinnedProblem[];
  run?: NodeRunState;
  category?: string;
}
