/** "1.2 s", "3 min 4 s", "—" for an unfinished or unknown span. */
export function formatDuration(startedAt?: string | null, endedAt?: string | null): string {
  if (!startedAt) return "—";
  const end = endedAt ? Date.parse(endedAt) : Date.now();
  const ms = Math.max(0, end - Date.parse(startedAt));
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes < 60) return `${minutes} min ${Math.round((ms % 60_000) / 1000)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** A timestamp in the viewer's local time, to the second. */
export function formatTime(at?: string | null): string {
  if (!at) return "—";
  const date = new Date(at);
  return Number.isNaN(date.getTime()) ? at : date.toLocaleString(undefined, { hour12: false });
}

/** The CSS class for a run or step status (one palette for the whole app). */
export function statusClass(status?: string | null): string {
  switch (status) {
    case "succeeded":
    case "passed":
      return "status-ok";
    case "failed":
    case "timedOut":
    case "rejected":
    // An attempt whose outcome is unknown, or that a dead worker left, counts as a failure in the engine too.
    case "unknown":
    case "interrupted":
      return "status-failed";
    case "running":
    case "started":
      return "status-running";
    case "suspended":
    case "waiting":
    case "inDoubt":
    case "queued":
      return "status-waiting";
    case "skipped":
    case "cancelled":
    case "planned":
      return "status-skipped";
    default:
      return "status-none";
  }
}
