import type { RunDocument } from "../api/types";

// Placeholder: the per-host timeline is written by the ops-pages work.
export function RunTimeline({ document }: { document: RunDocument }) {
  return <div className="timeline">{document.attempts.length} attempts</div>;
}
