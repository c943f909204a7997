// The JSON shapes of the Runbooks API (/api/v1) that the designer reads. Field names are the server's (camelCase).

/** An application/problem+json answer; `problems` is set for invalid runbooks (file, line, column, key path, rule). */
export interface ProblemDetails {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  problems?: ValidationProblem[];
  currentHash?: string;
  [key: string]: unknown;
}

export interface ValidationProblem {
  file: string;
  line: number;
  column: number;
  path: string;
  code: string;
  message: string;
}

export type Role = "viewer" | "operator" | "approver" | "admin";

export interface Me {
  name: string;
  role: Role;
  roles: Role[];
}

export interface RunbookSummary {
  name: string;
  path: string;
  contentHash: string;
  description?: string | null;
  tags: string[];
  valid: boolean;
  problems: number;
  triggers: { id: string; kind: string; cron?: string | null }[];
  lastRun?: { runId: string; status: string; startedAt: string; endedAt?: string | null } | null;
}

export interface RunbookParameter {
  name: string;
  type: string;
  required: boolean;
  default?: unknown;
  description?: string | null;
  allowed?: unknown[] | null;
  pattern?: string | null;
}

export interface RunbookDetail {
  name: string;
  path: string;
  contentHash: string;
  yaml: string;
  document: unknown;
  valid: boolean;
  problems: ValidationProblem[];
  parameters?: RunbookParameter[] | null;
}

export interface ValidationResult {
  valid: boolean;
  name?: string | null;
  contentHash: string;
  problems: ValidationProblem[];
}

export interface SaveResult {
  name: string;
  path: string;
  contentHash: string;
  previousHash?: string | null;
}

/** A JSON Schema (draft 2020-12 subset) as the actions catalog describes inputs and outputs. */
export interface JsonSchema {
  type?: string | string[];
  title?: string;
  description?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  default?: unknown;
  additionalProperties?: boolean | JsonSchema;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  minimum?: number;
  maximum?: number;
  pattern?: string;
  format?: string;
  [key: string]: unknown;
}

export interface ActionInfo {
  name: string;
  category: string;
  description: string;
  idempotentByDefault: boolean;
  defaultTimeout?: string | null;
  shellStringInputs?: string[];
  argvInputs?: string[];
  example?: string | null;
  inputs: JsonSchema;
  outputs: JsonSchema;
}

export interface InventoryHost {
  name: string;
  address: string;
  port: number;
  user?: string | null;
  groups: string[];
  labels: Record<string, string>;
}

export interface Inventory {
  hosts: InventoryHost[];
  groups: string[];
}

export type RunStatus = "queued" | "running" | "suspended" | "inDoubt" | "succeeded" | "failed" | "cancelled";

export interface StoredRun {
  runId: string;
  parentRunId?: string | null;
  runbook: string;
  contentHash: string;
  trigger: string;
  parameters: Record<string, unknown>;
  targets: string[];
  dryRun: boolean;
  status: RunStatus | string;
  startedAt: string;
  endedAt?: string | null;
  error?: string | null;
  outputs: Record<string, unknown>;
  statusReason?: string | null;
  owner?: string | null;
  wakeAt?: string | null;
}

export interface StoredAttempt {
  stepPath: string;
  stepId: string;
  target: string;
  attempt: number;
  action: string;
  idempotent: boolean;
  description?: string | null;
  fencingToken: number;
  status: string;
  startedAt: string;
  endedAt?: string | null;
  exitCode?: number | null;
  stdout?: string | null;
  stderr?: string | null;
  error?: string | null;
  outputs: Record<string, unknown>;
  changed: boolean;
}

export interface RunEvent {
  sequence: number;
  at: string;
  kind: string;
  stepPath?: string | null;
  target?: string | null;
  status?: string | null;
  reason?: string | null;
}

export interface StoredSkip {
  stepPath: string;
  target: string;
  reason: string;
  at: string;
}

export interface ApprovalGate {
  gate: {
    runId: string;
    stepPath: string;
    approvers: string[];
    minApprovals: number;
    message: string;
    requestedAt: string;
    expiresAt: string;
  };
  decisions: { runId: string; stepPath: string; by: string; approved: boolean; comment: string; at: string }[];
}

export interface RunDocument {
  run: StoredRun;
  attempts: StoredAttempt[];
  skips: StoredSkip[];
  events: RunEvent[];
  childRunIds: string[];
  locks: unknown[];
  approvals: ApprovalGate[];
}

export interface PlannedStep {
  path: string;
  id: string;
  name?: string | null;
  action?: string | null;
  status: string;
  plan?: string | null;
  reason?: string | null;
}

export interface PlanResult {
  runbook: string;
  targets: { target: string; steps: PlannedStep[] }[];
  rollout?: unknown;
}

export interface StartRunAnswer {
  runId: string;
  status: string;
}
