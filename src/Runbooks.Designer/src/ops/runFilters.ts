/** The run statuses GET /api/v1/runs accepts (RunsEndpoints.Statuses). */
export const runStatuses = ["queued", "running", "suspended", "inDoubt", "succeeded", "failed", "cancelled"] as const;

/** How many runs the history asks for: the server allows 1 to 1000 and answers 50 when not told. */
export const runLimits = [50, 100, 200, 500, 1000] as const;

/** The run history's filters, as they stand in the page's URL (?runbook=&status=&trigger=&limit=). Empty means "any". */
export interface RunFilters {
  runbook: string;
  status: string;
  trigger: string;
  limit: number;
}

export function filtersFrom(query: URLSearchParams): RunFilters {
  const status = query.get("status") ?? "";
  const limit = Number(query.get("limit"));
  return {
    runbook: query.get("runbook") ?? "",
    // A status the server would refuse (a stale bookmark) is dropped rather than shown as an error on every refresh.
    status: (runStatuses as readonly string[]).includes(status) ? status : "",
    trigger: query.get("trigger") ?? "",
    limit: Number.isInteger(limit) && limit >= 1 && limit <= 1000 ? limit : 50,
  };
}

function queryOf(filters: RunFilters, withDefaultLimit: boolean): string {
  const query = new URLSearchParams();
  if (filters.runbook) query.set("runbook", filters.runbook);
  if (filters.status) query.set("status", filters.status);
  if (filters.trigger.trim()) query.set("trigger", filters.trigger.trim());
  if (withDefaultLimit || filters.limit !== 50) query.set("limit", String(filters.limit));
  const text = query.toString();
  return text ? `?${text}` : "";
}

/** The page's own URL for these filters: /runs with only the filters that are set. */
export function historyUrl(filters: RunFilters): string {
  return `/runs${queryOf(filters, false)}`;
}

/** The API call for these filters. */
export function runsApiPath(filters: RunFilters): string {
  return `/api/v1/runs${queryOf(filters, true)}`;
}
