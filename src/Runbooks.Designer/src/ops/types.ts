// The JSON shapes the ops pages read, as the server writes them (camelCase, enums as camelCase strings, nulls left out).
// Each names the C# it comes from, so a change there can be found here.

/** Runbooks.Core.Alerts.AlertDecision (GET /api/v1/alerts, /alerts/decisions). */
export interface AlertDecision {
  kind: string;
  kindText?: string;
  reason: string;
  at: string;
  runbook?: string;
  triggerId?: string;
  runId?: string;
  targets: string[];
}

/** Runbooks.Core.Alerts.IncomingAlert. */
export interface IncomingAlert {
  status: "firing" | "resolved" | string;
  labels: Record<string, string>;
  annotations?: Record<string, string>;
  startsAt: string;
  endsAt?: string;
  generatorUrl?: string;
  fingerprint: string;
  receiver?: string;
  source: string;
  name?: string;
}

/** AlertsEndpoints.Summary: one received alert with its decisions (GET /api/v1/alerts). */
export interface ReceivedAlert {
  seq: number;
  receivedAt: string;
  alert: IncomingAlert;
  problem?: string;
  decisions: AlertDecision[];
}

/** Runbooks.Storage.Alerts.StoredDecision as GET /api/v1/alerts/decisions writes it. */
export interface StoredDecision {
  seq: number;
  alertSeq: number;
  fingerprint: string;
  decision: AlertDecision;
}

/** Runbooks.Storage.Alerts.AlertBreaker (GET /api/v1/alerts/breakers). */
export interface AlertBreaker {
  id: number;
  scope: "fingerprint" | "target" | string;
  key: string;
  runbook: string;
  trippedAt: string;
  reason: string;
  resetAt?: string;
  resetBy?: string;
  resetComment?: string;
  isOpen: boolean;
}

/** Runbooks.Storage.Alerts.NeedsHumanMark (GET /api/v1/alerts/needs-human). */
export interface NeedsHumanMark {
  id: number;
  target: string;
  since: string;
  reason: string;
  breakerId?: number;
  resetAt?: string;
  resetBy?: string;
  resetComment?: string;
  isOpen: boolean;
}

/** The body of POST /api/v1/alerts/reset (Runbooks.Server.Api.ResetBody): both required. */
export interface ResetBody {
  key: string;
  comment: string;
}

/** Runbooks.Storage.Alerts.AlertReset: what a reset closed. */
export interface AlertResetAnswer {
  at: string;
  key: string;
  by: string;
  comment: string;
  breakers: AlertBreaker[];
  needsHuman: NeedsHumanMark[];
}

/** Runbooks.Storage.SchedulePause. */
export interface SchedulePause {
  scheduleId: string;
  pausedBy: string;
  pausedAt: string;
  reason: string;
}

/** One schedule as CatalogEndpoints.ListSchedules writes it (GET /api/v1/schedules). */
export interface ScheduleInfo {
  id: string;
  runbook: string;
  trigger: string;
  cron: string;
  timeZone: string;
  enabled: boolean;
  paused?: SchedulePause;
  window?: string;
  outsideWindow: "wait" | "skip" | string;
  misfire: string;
  parameters: Record<string, unknown>;
  /** `decision` is GateDecision.ToString(): "runs", "waits for window … until …Z", "skipped: …", "frozen by … until …Z (…)". */
  next: { at: string; decision: string }[];
}

/** POST /api/v1/schedules/{runbook}/{trigger}/trigger (202). */
export interface TriggerAnswer {
  runId: string;
  status: string;
  schedule: string;
}

/** POST …/pause and …/resume. */
export interface PauseAnswer {
  id: string;
  paused: boolean;
  changed: boolean;
}

/** Runbooks.Core.Scheduling.MaintenanceInterval. */
export interface Interval {
  start: string;
  end: string;
}

/** GET /api/v1/windows. `duration` is a .NET TimeSpan ("08:00:00", "1.00:00:00"), left out for a window of fixed ranges. */
export interface WindowsAnswer {
  windows: { name: string; timeZone: string; cron?: string; duration?: string; openNow: boolean; next?: Interval }[];
  freezes: { name: string; reason: string; timeZone: string; inForceNow: boolean; ranges: Interval[] }[];
}
