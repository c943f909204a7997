import { statusClass } from "./format";

export function StatusBadge({ status }: { status?: string | null }) {
  return <span className={`badge ${statusClass(status)}`} data-status={status ?? ""}>{status ?? "—"}</span>;
}
